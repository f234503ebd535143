package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HikariCP 7, Spring's JdbcTemplate 7 and jOOQ 3.19 from Maven Central, with their defaults, in a
 * JVM zone other than UTC: pool validation, Double and Timestamp parameters, LIMIT/OFFSET bind
 * values, exception translation by SQLState and jOOQ's reading of both kinds of metadata give the
 * right rows. Remote mode also runs in a fresh JVM with only the remote-only driver jar.
 */
class RealClientsTest {
  private static final String ZONE = "America/Los_Angeles";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void clientsGetTheRightRows(Mode mode) throws Exception {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
    try {
      check(RealClients.run(url(mode), EdgeFeeds.paidAt(5).toString()));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void clientsWorkWithTheRemoteOnlyJar() throws Exception {
    String classpath =
        Arrays.stream(
                Pattern.compile(Pattern.quote(File.pathSeparator))
                    .split(System.getProperty("surefire.test.class.path", "")))
            .filter(
                entry ->
                    Path.of(entry)
                        .getFileName()
                        .toString()
                        .matches(
                            "(HikariCP|spring-|jooq|r2dbc|reactive-streams|slf4j-api|jakarta"
                                + "|commons-logging|micrometer|jspecify).*\\.jar"))
            .collect(Collectors.joining(File.pathSeparator));
    assertTrue(classpath.contains("HikariCP"), "client libraries on the test classpath");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Duser.timezone=" + ZONE,
                "-cp",
                String.join(
                    File.pathSeparator,
                    DriverJarTest.remoteOnlyJar().toString(),
                    Path.of("target", "test-classes").toString(),
                    classpath),
                RealClients.class.getName(),
                url(Mode.REMOTE),
                EdgeFeeds.paidAt(5).toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    List<String> lines = output.lines().filter(line -> line.startsWith("hikari=")).toList();
    assertEquals(1, lines.size(), output);
    check(lines.get(0));
  }

  private static String url(Mode mode) {
    return switch (mode) {
      case EMBEDDED -> "jdbc:arrowtap:catalog=" + EdgeFeeds.INSTANCE.catalog;
      case REMOTE -> "jdbc:arrowtap:url=" + EdgeFeeds.INSTANCE.server.url();
    };
  }

  private static void check(String line) {
    Map<String, String> got = new HashMap<>();
    // key=value pairs; a value may hold spaces ("[3, 5, 7]"), a key never does.
    Matcher pair = Pattern.compile("([a-zA-Z.]+)=(.*?)(?= [a-zA-Z.]+=|$)").matcher(line);
    while (pair.find()) {
      got.put(pair.group(1), pair.group(2));
    }
    long since =
        LongStream.rangeClosed(1, EdgeFeeds.ROWS)
            .filter(id -> !EdgeFeeds.paidAt(id).isBefore(EdgeFeeds.paidAt(5)))
            .count();
    // 1,200 amounts of id.34: 1200 * 1201 / 2 + 1200 * 0.34.
    assertEquals("1200/721008.00", got.get("hikari"), line);
    assertEquals("true", got.get("valid"), line);
    assertEquals("true", got.get("testQuery"), line);
    assertEquals("[272]", got.get("spring.double"), line);
    assertEquals("true", got.get("spring.read"), line);
    assertEquals(Long.toString(since), got.get("spring.since"), line);
    assertEquals("[5]", got.get("spring.at"), line);
    assertEquals("[3, 5, 7]", got.get("spring.in"), line);
    assertEquals("BadSqlGrammarException", got.get("spring.missing"), line);
    assertEquals("DataIntegrityViolationException", got.get("spring.divide"), line);
    assertEquals("1200", got.get("spring.tx"), line);
    assertEquals("[11, 12, 13]", got.get("jooq.page"), line);
    assertEquals("[272]", got.get("jooq.double"), line);
    String meta = got.get("jooq.meta");
    assertTrue(meta != null && meta.startsWith("id:bigint,amount:"), line);
    assertTrue(meta.contains("(10,2)") && meta.contains("paid_at:") && meta.contains("service:"));
    String result = got.get("jooq.result");
    assertTrue(result != null && result.contains("amount:") && result.contains("(10,2)"), line);
    assertTrue(result.endsWith("/2"), line);
  }
}
