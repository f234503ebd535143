package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Spark pushes into an arrowtap scan: columns, parameter values and LIMIT. */
class PushdownTest {
  private static TestApi api;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    api = TestApi.start();
    spark =
        TestSpark.start(
            "PushdownTest",
            Map.of(
                "spark.sql.catalog.shop", ArrowtapCatalog.class.getName(),
                "spark.sql.catalog.shop.catalog", api.catalog.toString()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    api.close();
  }

  @BeforeEach
  void forgetRequests() {
    api.clearRequests();
  }

  private static String plan(Dataset<Row> frame) {
    return frame.queryExecution().executedPlan().toString();
  }

  @Test
  void parameterValuesBecomeOneTaskEach() {
    Dataset<Row> orders =
        spark.sql("SELECT user_id, id, amount FROM shop.shop.user_orders WHERE user_id IN (3, 7)");
    String plan = plan(orders);
    assertTrue(plan.contains("parameters: user_id IN 2 value(s)"), plan);
    assertTrue(plan.contains("tasks: t0:[user_id=3], t1:[user_id=7]"), plan);
    assertEquals(
        List.of(
            "[3, 30, 3.0]",
            "[3, 31, 3.5]",
            "[3, 32, 4.0]",
            "[7, 70, 7.0]",
            "[7, 71, 7.5]",
            "[7, 72, 8.0]"),
        Rows.of(orders));
    assertEquals(
        List.of("/users/3/orders", "/users/7/orders"),
        api.requests("/users").stream().sorted().toList());
  }

  @Test
  void equalityOnAParameterAndOtherFiltersTogether() {
    Dataset<Row> orders =
        spark.sql("SELECT id FROM shop.shop.user_orders WHERE user_id = 5 AND amount > 5.2");
    assertEquals(List.of("[51]", "[52]"), Rows.of(orders));
    assertEquals(List.of("/users/5/orders"), api.requests("/users"));
  }

  @Test
  void aRequiredParameterLeftOpenFailsAtPlanning() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> spark.sql("SELECT * FROM shop.shop.user_orders WHERE amount > 1").explain());
    assertTrue(
        e.getMessage()
            .contains(
                "table shop.user_orders needs a value for user_id: add WHERE user_id = ... or user_id IN (...)"),
        e.getMessage());
    assertEquals(List.of(), api.requests("/users"));
  }

  @Test
  void aDefaultParameterIsUsedWhenNoneIsGiven() {
    assertEquals(
        List.of("[red, 35]"),
        Rows.of(spark.sql("SELECT color, count(*) FROM shop.shop.items GROUP BY color")));
    assertEquals(
        List.of("[blue 34]"),
        Rows.of(spark.sql("SELECT label FROM shop.shop.items WHERE color = 'blue' AND n = 34")));
  }

  @Test
  void onlyTheNeededColumnsAreRead() {
    Dataset<Row> labels = spark.sql("SELECT label FROM shop.shop.items");
    assertEquals("struct<label:string>", labels.schema().simpleString());
    String plan = plan(labels);
    assertTrue(plan.contains("BatchScan shop.items[label#"), plan);
    assertEquals(35, labels.collectAsList().size());
  }

  @Test
  void limitStopsReadingPages() {
    Dataset<Row> first = spark.sql("SELECT n FROM shop.shop.items LIMIT 5");
    String plan = plan(first);
    assertTrue(plan.contains("limit: 5 per task"), plan);
    assertEquals(5, first.collectAsList().size());
    // The items come in 4 pages of 10; the first is enough, but the table's page window
    // (concurrency, default 4) may already have the next pages on their way. The connector does
    // not yet pass LIMIT down to the feed's page size (docs/spark.md).
    int pages = api.requests("/items").size();
    assertTrue(pages <= 4, api.requests("/items").toString());
    assertEquals(0, ExecutorMemory.allocated(), "Arrow memory left after a task stopped early");
  }

  @Test
  void limitWithAParameterFilter() {
    Dataset<Row> three =
        spark.sql("SELECT * FROM shop.shop.items WHERE color IN ('a', 'b') LIMIT 3");
    String plan = plan(three);
    assertTrue(plan.contains("limit: 3 per task"), plan);
    assertEquals(3, three.collectAsList().size());
    assertTrue(api.requests("/items").size() <= 4, api.requests("/items").toString());
  }

  @Test
  void aLongListOfValuesShowsItsFirstTasks() {
    String values =
        java.util.stream.IntStream.range(0, 12)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    String plan =
        plan(spark.sql("SELECT id FROM shop.shop.user_orders WHERE user_id IN (" + values + ")"));
    assertTrue(plan.contains(", t9:[user_id="), plan);
    assertTrue(plan.contains("], ... 12 tasks in all"), plan);
    assertTrue(!plan.contains("t10:"), plan);
  }
}
