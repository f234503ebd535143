package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.demo.DemoApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs in {@code examples/} compile and run as their comments tell a user to run them: a
 * plain {@code java} with the driver jar, no JVM flags, against the demo API.
 */
class ExamplesRunTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final Pattern BATCH =
      Pattern.compile("batch \\d+: (\\d+) ids; P (\\d+) rows, A (\\d+), R (\\d+), S (\\d+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) rows read in (\\d+) batches; .*");

  @TempDir Path dir;

  @Test
  void batchedLookupExampleReadsEveryAccountOfItsRegion() throws Exception {
    try (DemoApi api = DemoApi.start("127.0.0.1", 0)) {
      String catalog = EXAMPLES.resolve("catalog.yaml").toAbsolutePath().toString();
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              DriverJarTest.driverJar().toString(),
              EXAMPLES.resolve("BatchedLookupExample.java").toString(),
              "jdbc:arrowtap:catalog=" + catalog);
      builder.environment().put("ARROWTAP_DEMO_URL", api.baseUrl());
      builder.environment().put("ARROWTAP_DEMO_TOKEN", DemoApi.TOKEN);
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().remove("JDK_JAVA_OPTIONS");
      Path err = Files.createTempFile("arrowtap-example", ".err");
      try {
        Process process = builder.redirectError(err.toFile()).start();
        List<String> out =
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the example did not end");
        assertEquals(0, process.exitValue(), "the example failed: " + Files.readString(err));

        long ids = 0;
        long rows = 0;
        int batches = 0;
        for (String line : out) {
          Matcher batch = BATCH.matcher(line);
          if (batch.matches()) {
            batches++;
            ids += Long.parseLong(batch.group(1));
            for (int g = 2; g <= 5; g++) {
              rows += Long.parseLong(batch.group(g));
            }
          }
        }
        Matcher total = TOTAL.matcher(out.get(out.size() - 1));
        assertTrue(total.matches(), "no summary line: " + out);
        assertEquals(rows, Long.parseLong(total.group(1)), "the summary adds up the batches");
        assertEquals(batches, Integer.parseInt(total.group(2)));
        assertEquals(regionAccounts(catalog, api), ids, "every account of the region is looked up");
      } finally {
        Files.deleteIfExists(err);
      }
    }
  }

  /** The accounts the example's driving query selects, counted by a plain query. */
  private long regionAccounts(String catalog, DemoApi api) throws Exception {
    // This JVM's environment cannot be set: the same catalog with the demo's address written in.
    Path resolved = dir.resolve("catalog.yaml");
    Files.writeString(
        resolved,
        Files.readString(Path.of(catalog))
            .replace("${env:ARROWTAP_DEMO_URL}", api.baseUrl())
            .replace("${env:ARROWTAP_DEMO_TOKEN}", DemoApi.TOKEN));
    try (Connection connection = DriverManager.getConnection("jdbc:arrowtap:catalog=" + resolved);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) FROM demo.accounts WHERE region = 'eu'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
