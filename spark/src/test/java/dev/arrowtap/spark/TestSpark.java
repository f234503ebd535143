package dev.arrowtap.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The local Spark session of one test class: two executor threads, no UI, UTC. */
final class TestSpark {
  private TestSpark() {}

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
            .config("spark.driver.bindAddress", "127.0.0.1");
    settings.forEach(builder::config);
    return builder.getOrCreate();
  }
}
