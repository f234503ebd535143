package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spark.read.format("arrowtap")} over the demo catalog: every pagination style gives exactly
 * the rows arrowtap's own engine gives, read as columnar batches.
 */
class ArrowtapDataSourceTest {
  private static DemoCatalog demo;
  private static SparkSession spark;
  private static ArrowtapEngine engine;

  @BeforeAll
  static void start() {
    demo = DemoCatalog.start();
    spark = TestSpark.start("ArrowtapDataSourceTest", Map.of());
    engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(demo.catalog));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    engine.close();
    demo.close();
  }

  private static Dataset<Row> read(String table) {
    return spark
        .read()
        .format("arrowtap")
        .option("catalog", demo.path())
        .option("table", table)
        .load();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "demo.users",
        "demo.orders",
        "demo.events",
        "demo.products",
        "demo.tickets",
        "demo.status",
        "demo.secure_users"
      })
  void everyPaginationStyleGivesTheEnginesRows(String table) throws Exception {
    List<String> expected;
    try (Connection connection = engine.connect(Map.of())) {
      expected = Rows.of(connection, "SELECT * FROM " + table);
    }
    List<String> actual = Rows.of(read(table));
    assertTrue(expected.size() > 0, table);
    assertEquals(expected, actual, table);
    assertEquals(0, ExecutorMemory.allocated(), "Arrow memory left after reading " + table);
  }

  @Test
  void schemaIsTheCatalogsColumns() {
    assertEquals(
        "struct<id:bigint,name:string,email:string,signup_at:timestamp_ntz,active:boolean,"
            + "score:double,city:string,zip:string,country:string,tags:string>",
        read("demo.users").schema().simpleString());
  }

  @Test
  void batchesReachSparkAsColumns() {
    Dataset<Row> users = read("demo.users").select("id", "city");
    String plan = users.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("ColumnarToRow"), plan);
    assertTrue(plan.contains("BatchScan demo.users"), plan);
    assertTrue(plan.contains("tasks: t0:[all pages]"), plan);
    assertEquals(250, users.collectAsList().size());
  }

  @Test
  void countNeedsNoColumn() {
    assertEquals(1000, read("demo.orders").count());
    assertEquals(
        List.of("[c0, 83]", "[c1, 84]", "[c2, 83]"),
        Rows.of(
            read("demo.users")
                .selectExpr("concat('c', cast(id % 3 as string)) as c")
                .groupBy("c")
                .count()));
  }

  @Test
  void numbersAreSplitIntoRanges() {
    Dataset<Row> numbers =
        spark
            .read()
            .format("arrowtap")
            .option("table", "numbers(0, 1001)")
            .option("numbers_per_task", "100")
            .load();
    assertEquals(2, numbers.rdd().getNumPartitions());
    assertEquals("[1001,500500]", numbers.selectExpr("count(*)", "sum(number)").first().toString());
    String plan = numbers.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("t0:[0-501), t1:[501-1001)"), plan);
  }

  @Test
  void smallBatchesStillGiveEveryRow() {
    Dataset<Row> products =
        spark
            .read()
            .format("arrowtap")
            .option("catalog", demo.path())
            .option("table", "demo.products")
            .option("batch_size", "7")
            .load();
    assertEquals(120, products.count());
    assertEquals(120, products.select("sku").distinct().count());
  }

  @Test
  void aCachedFrameKeepsItsRows() {
    // Caching copies each batch into Spark's own store; arrowtap's reused vectors must not leak in.
    Dataset<Row> cached = read("demo.orders").cache();
    try {
      assertEquals(1000, cached.count());
      assertEquals(1000, cached.select("id").distinct().count());
      assertEquals(Rows.of(read("demo.orders")), Rows.of(cached));
    } finally {
      cached.unpersist();
    }
  }
}
