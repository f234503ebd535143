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
    // As in the engine, the LIMIT shrinks the page asked for: one request for 5 records.
    List<String> requests = api.requests("/items");
    assertEquals(1, requests.size(), requests.toString());
    assertTrue(requests.get(0).contains("limit=5"), requests.toString());
    assertEquals(0, ExecutorMemory.allocated(), "Arrow memory left after a task stopped early");
  }

  /** Comparisons on columns the catalog maps to request parameters are sent to the API. */
  @Test
  void rangeFiltersGoToTheApi() {
    Dataset<Row> some = spark.sql("SELECT n FROM shop.shop.pages WHERE n >= 50 AND 80 > n");
    String plan = plan(some);
    assertTrue(plan.contains("api filters: n >= 50, n < 80"), plan);
    // Exact filters: Spark does not check the rows again.
    assertTrue(!plan.contains("Filter ("), plan);
    List<Long> rows = some.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    assertEquals(java.util.stream.LongStream.range(50, 80).boxed().toList(), rows);
    // 30 records in 3 pages of 10 (the first read once, to cut the feed), not the 20 of all rows.
    List<String> requests = api.requests("/pages");
    assertEquals(3, requests.size(), requests.toString());
    assertEquals(3, requests.stream().distinct().count(), requests.toString());
    assertTrue(
        requests.stream().allMatch(r -> r.contains("min_n=50") && r.contains("max_n=80")),
        requests.toString());
  }

  /** A comparison no catalog filter covers stays with Spark, and the rows are still right. */
  @Test
  void otherComparisonsStayWithSpark() {
    Dataset<Row> some = spark.sql("SELECT n FROM shop.shop.pages WHERE n <= 14");
    String plan = plan(some);
    assertTrue(!plan.contains("api filters"), plan);
    assertEquals(15, some.collectAsList().size());
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
