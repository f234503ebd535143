package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Credentials are resolved from the catalog's references by the process that runs the task; they
 * are in no Spark plan, table option, task description or log line.
 */
class SecretsTest {
  private static TestApi api;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    api = TestApi.start();
    spark =
        TestSpark.start(
            "SecretsTest",
            Map.of(
                "spark.sql.catalog.shop", ArrowtapCatalog.class.getName(),
                "spark.sql.catalog.shop.catalog", api.catalog.toString()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    api.close();
  }

  private static void assertNoToken(String where, String text) {
    assertFalse(text.contains(TestApi.TOKEN), where + " shows the token: " + text);
  }

  @Test
  void aFeedBehindATokenIsReadWithoutTheTokenInThePlan() {
    Dataset<Row> secure = spark.sql("SELECT n FROM shop.shop.secure");
    assertEquals(List.of("[1]", "[2]", "[3]"), Rows.of(secure));
    assertNoToken("the physical plan", secure.queryExecution().executedPlan().toString());
    assertNoToken("EXPLAIN EXTENDED", secure.queryExecution().toString());
  }

  @Test
  void theTasksSentToExecutorsCarryNoCredential() throws IOException {
    Dataset<Row> secure =
        spark
            .read()
            .format("arrowtap")
            .option("catalog", api.catalog.toString())
            .option("table", "shop.secure")
            .load();
    for (InputPartition partition : partitions(secure)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(partition);
      }
      assertNoToken(
          "a serialized partition", new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1));
    }
    assertEquals(3, secure.count());
  }

  private static List<InputPartition> partitions(Dataset<Row> frame) {
    SparkPlan plan = frame.queryExecution().executedPlan();
    for (SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
      if (leaf instanceof BatchScanExec scan) {
        return List.of(scan.batch().planInputPartitions());
      }
    }
    throw new AssertionError("no BatchScan in " + plan);
  }

  @Test
  void aTableDefinedInSqlShowsOnlyItsOptions() {
    spark.sql(
        "CREATE TABLE secure USING arrowtap OPTIONS (catalog '"
            + api.catalog
            + "', table 'shop.secure')");
    try {
      assertEquals(3, spark.sql("SELECT * FROM secure").count());
      assertNoToken(
          "DESCRIBE TABLE EXTENDED",
          Rows.of(spark.sql("DESCRIBE TABLE EXTENDED secure")).toString());
      assertNoToken("SHOW CREATE TABLE", Rows.of(spark.sql("SHOW CREATE TABLE secure")).toString());
      assertNoToken(
          "EXPLAIN EXTENDED",
          Rows.of(spark.sql("EXPLAIN EXTENDED SELECT * FROM secure")).toString());
    } finally {
      spark.sql("DROP TABLE secure");
    }
  }

  @Test
  void aFailureNamesTheUrlWithTheKeyMaskedInErrorsAndLogs() {
    Exception e;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      e = assertThrows(Exception.class, () -> spark.sql("SELECT n FROM shop.shop.keyed").collect());
      logged = logs.text();
    }
    assertTrue(
        e.getMessage().contains("GET " + api.base() + "/keyed?api_key=***: HTTP 503"),
        e.getMessage());
    assertNoToken("the error", e.getMessage());
    assertTrue(logged.contains("api_key=***"), logged);
    assertNoToken("the log", logged);
  }

  @Test
  void aKeyTheApiEchoesIsMaskedInEveryCauseSparkShows() {
    Exception e;
    String logged;
    try (LogCapture logs = new LogCapture()) {
      e =
          assertThrows(
              Exception.class, () -> spark.sql("SELECT n FROM shop.shop.echoing").collect());
      logged = logs.text();
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertTrue(trace.toString().contains("HTTP 403"), trace.toString());
    assertTrue(trace.toString().contains("forbidden"), trace.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertNoToken("a cause", String.valueOf(t.getMessage()));
      assertNoToken("a cause", t.toString());
    }
    assertNoToken("the stack trace", trace.toString());
    assertNoToken("the log", logged);
  }
}
