package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog plugin ({@code spark.sql.catalog.api}) and {@code CREATE TABLE ... USING arrowtap} in
 * Spark SQL.
 */
class ArrowtapCatalogTest {
  private static DemoCatalog demo;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    demo = DemoCatalog.start();
    spark =
        TestSpark.start(
            "ArrowtapCatalogTest",
            Map.of(
                "spark.sql.catalog.api", ArrowtapCatalog.class.getName(),
                "spark.sql.catalog.api.catalog", demo.path()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    demo.close();
  }

  @Test
  void listsEverySchemaAndFeed() {
    assertEquals(List.of("[demo]"), Rows.of(spark.sql("SHOW NAMESPACES IN api")));
    assertEquals(
        List.of(
            "[demo, a_logs, false]",
            "[demo, accounts, false]",
            "[demo, events, false]",
            "[demo, orders, false]",
            "[demo, p_accounts, false]",
            "[demo, products, false]",
            "[demo, r_resources, false]",
            "[demo, s_statuses, false]",
            "[demo, secure_users, false]",
            "[demo, status, false]",
            "[demo, tickets, false]",
            "[demo, users, false]"),
        Rows.of(spark.sql("SHOW TABLES IN api.demo")));
  }

  @Test
  void readsAFeedByItsName() {
    assertEquals(
        List.of("[250, 250, 18]"),
        Rows.of(
            spark.sql(
                "SELECT count(*), count(DISTINCT id), count(DISTINCT city) FROM api.demo.users")));
    assertEquals(List.of("[120]"), Rows.of(spark.sql("SELECT count(*) FROM api.DEMO.Products")));
  }

  @Test
  void joinsTwoFeeds() {
    assertEquals(
        List.of("[1000]"),
        Rows.of(
            spark.sql(
                "SELECT count(*) FROM api.demo.orders o JOIN api.demo.users u ON o.user_id = u.id")));
  }

  @Test
  void describesTheColumns() {
    List<String> columns = Rows.of(spark.sql("DESCRIBE TABLE api.demo.products"));
    assertEquals(
        List.of(
            "[in_stock, boolean, null]",
            "[name, string, null]",
            "[price, double, null]",
            "[released, date, null]",
            "[sku, string, null]"),
        columns);
  }

  @Test
  void anUnknownTableIsAnAnalysisError() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> spark.sql("SELECT * FROM api.demo.nope"));
    assertTrue(e.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), e.getMessage());
  }

  @Test
  void theCatalogIsReadOnly() {
    Exception e =
        assertThrows(
            Exception.class, () -> spark.sql("CREATE TABLE api.demo.t (id BIGINT)").collect());
    assertTrue(e.getMessage().contains("is read-only: declare tables in"), e.getMessage());
  }

  @Test
  void createTableUsingArrowtap() {
    spark.sql(
        "CREATE TABLE products USING arrowtap OPTIONS (catalog '"
            + demo.path()
            + "', table 'demo.products')");
    try {
      assertEquals(
          List.of("[120, 120]"),
          Rows.of(spark.sql("SELECT count(*), count(DISTINCT sku) FROM products")));
      assertTrue(Rows.of(spark.sql("DESCRIBE TABLE products")).contains("[released, date, null]"));
    } finally {
      spark.sql("DROP TABLE products");
    }
  }
}
