package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The example job gives the rows arrowtap's own engine (the JDBC driver's) gives. */
class DemoJobTest {
  @Test
  void sparkAndTheEngineAgree() throws Exception {
    try (DemoCatalog demo = DemoCatalog.start();
        ArrowtapEngine engine =
            new ArrowtapEngine(EngineConfig.defaults().withCatalog(demo.catalog))) {
      List<String> expected;
      try (Connection connection = engine.connect(Map.of())) {
        expected = Rows.of(connection, DemoJob.TOP_COUNTRIES.formatted(""));
      }
      SparkSession spark = TestSpark.start("DemoJobTest", Map.of());
      try {
        List<String> actual =
            DemoJob.topCountries(spark, demo.catalog).stream().map(Object::toString).toList();
        assertEquals(3, expected.size());
        assertEquals(expected, actual.stream().map(DemoJobTest::commas).sorted().toList());
      } finally {
        spark.stop();
      }
    }
  }

  /** Spark prints a row as {@code [a,b]}; the engine side as {@code [a, b]}. */
  private static String commas(String row) {
    return row.replace(",", ", ");
  }
}
