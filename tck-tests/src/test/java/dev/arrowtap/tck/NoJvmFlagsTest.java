package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full driver jar in a JVM started the way sqlline, DBeaver or an application start one: no
 * {@code --add-opens} (the build gives its own test JVMs {@code ${arrow.jvm.flags}}, so no other
 * test sees what users see). Feed queries with pushed aggregates, a plain scan, and tasks sent to a
 * worker over Arrow Flight must give the same rows as the engine in this JVM computes without
 * pushing anything down, and no failure may hide behind a memory leak report.
 */
class NoJvmFlagsTest {
  @Test
  void feedQueriesGiveTheirRowsWithoutJvmFlags(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "flagless-worker-secret-0123\n");
    Fork fork = fork(DemoFeeds.INSTANCE.catalog.toString(), secret.toString());
    String all = String.join("\n", fork.out) + "\n" + fork.err;
    assertEquals(0, fork.exit, all);
    String jvmArgs = fork.out.get(0);
    assertTrue(jvmArgs.startsWith("jvm_args="), all);
    assertFalse(jvmArgs.contains("--add-opens") || jvmArgs.contains("--add-exports"), jvmArgs);
    assertFalse(all.toLowerCase(Locale.ROOT).contains("leak"), all);
    for (String mode : List.of("local", "worker")) {
      List<String> plan = fork.out.stream().filter(l -> l.startsWith(mode + "|plan|")).toList();
      assertTrue(
          plan.stream().anyMatch(l -> l.contains("partial_aggregate")),
          "max/min over VARCHAR is pushed into the scan: " + plan);
      List<String> rows =
          fork.out.stream()
              .filter(l -> l.startsWith(mode + "|q"))
              .map(l -> l.substring(mode.length() + 1))
              .toList();
      assertEquals(unpushedRows(), rows, mode);
    }
  }

  /** The oracle: the same queries in this JVM (flags given), with nothing pushed into scans. */
  private static List<String> unpushedRows() throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:arrowtap:catalog=" + DemoFeeds.INSTANCE.catalog + ";push_aggregates=false");
        Statement statement = connection.createStatement()) {
      for (int q = 0; q < FlaglessClient.QUERIES.size(); q++) {
        lines.addAll(FlaglessClient.rows(statement, "q" + q, FlaglessClient.QUERIES.get(q)));
      }
    }
    // What the demo API serves, so that a broken oracle cannot pass either.
    assertEquals("q1|1000|127961|1000", lines.get(1));
    return lines;
  }

  private record Fork(int exit, List<String> out, String err) {}

  private static Fork fork(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(DriverJarTest.driverJar() + File.pathSeparator + Path.of("target", "test-classes"));
    command.add(FlaglessClient.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    // Flags can also come from the environment: the fork must see none.
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.remove("JDK_JAVA_OPTIONS");
    environment.remove("_JAVA_OPTIONS");
    Path err = Files.createTempFile("arrowtap-flagless", ".err");
    try {
      Process process = builder.redirectError(err.toFile()).start();
      List<String> out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the client did not end");
      return new Fork(process.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
