package dev.arrowtap.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of one test class: two executor threads, no UI, UTC. */
final class TestSpark {
  private TestSpark() {}

  private static String warehouse() {
    try {
      Path directory = Files.createTempDirectory("arrowtap-spark-warehouse");
      directory.toFile().deleteOnExit();
      return directory.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SparkSession start(String name, Map<String, String> settings) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(name)
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            // Compiling generated code costs more than it saves on test-sized data.
            .config("spark.sql.codegen.wholeStage", "false")
            // Plans stay as planned, so a test finds the scan (and its metrics) in executedPlan.
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // CREATE TABLE makes a directory per table there; not in the source tree.
            .config("spark.sql.warehouse.dir", warehouse());
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
