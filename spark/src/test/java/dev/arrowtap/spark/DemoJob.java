package dev.arrowtap.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The example job of docs/spark.md: the demo catalog's feeds as Spark tables, joined and aggregated
 * by Spark. {@code main} starts the demo API and a local Spark to try it by hand; {@link
 * DemoJobTest} runs {@link #topCountries} and checks it against arrowtap's own engine.
 */
public final class DemoJob {
  /** The query of the README, answered by Spark over arrowtap's feeds. */
  static final String TOP_COUNTRIES =
      """
      SELECT u.country, count(*) AS orders, round(sum(o.amount), 2) AS total
      FROM %1$sdemo.users u JOIN %1$sdemo.orders o ON o.user_id = u.id
      GROUP BY u.country ORDER BY total DESC LIMIT 3""";

  private DemoJob() {}

  /** Registers the catalog file as Spark catalog {@code api} and runs the query. */
  static List<Row> topCountries(SparkSession spark, Path catalog) {
    spark.conf().set("spark.sql.catalog.api", ArrowtapCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.api.catalog", catalog.toString());
    return spark.sql(TOP_COUNTRIES.formatted("api.")).collectAsList();
  }

  public static void main(String[] args) {
    try (DemoCatalog demo = DemoCatalog.start()) {
      SparkSession spark = TestSpark.start("arrowtap demo job", Map.of());
      try {
        topCountries(spark, demo.catalog).forEach(System.out::println);
      } finally {
        spark.stop();
      }
    }
  }
}
