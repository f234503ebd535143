package dev.arrowtap.source.http;

import static dev.arrowtap.source.http.FeedFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.MetaErrors;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The requests a query is estimated to send (EXPLAIN) against those it sent, and the {@code
 * max_requests} budget that refuses a query before the request that would pass it.
 */
class FeedRequestBudgetTest {
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";
  private static final Pattern REQUESTS = Pattern.compile("requests=\\[(>= )?(\\d+)]");

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  private void api(int total, boolean withTotal) {
    api.route(
        "/items",
        r -> {
          long offset = Long.parseLong(r.param("offset"));
          int size = Integer.parseInt(r.param("limit"));
          String data =
              String.join(
                  ",", FeedTestServer.records(offset, Math.min(total, offset + (long) size)));
          return Reply.json(
              "{\"data\":[" + data + "]" + (withTotal ? ",\"total\":" + total : "") + "}");
        });
  }

  private static String table(String name, String more) {
    return "      - name: "
        + name
        + "\n        url: URL/items\n        records: {pointer: /data}\n"
        + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
        + more
        + COLUMNS;
  }

  /** The estimate EXPLAIN shows for the query's one scan. */
  private static long estimate(Connection c, String sql) throws SQLException {
    String plan = rows(c, "EXPLAIN PLAN FOR " + sql).get(0).get(0).toString();
    Matcher m = REQUESTS.matcher(plan);
    assertTrue(m.find(), plan);
    return Long.parseLong(m.group(2));
  }

  private long sent(Connection c, String sql) throws SQLException {
    return sent(c, sql, "/items");
  }

  private long sent(Connection c, String sql, String path) throws SQLException {
    api.reset();
    rows(c, sql);
    api.awaitQuiet();
    return api.count(path);
  }

  /** The SQLState the JDBC client sees: the Meta reports the engine error's own state. */
  private static String state(SQLException error) {
    return MetaErrors.userError(error).map(ArrowtapException::sqlState).orElse(error.getSQLState());
  }

  /** The message the JDBC client sees: the engine error's own. */
  private static String message(SQLException error) {
    return MetaErrors.userError(error)
        .map(ArrowtapException::getMessage)
        .orElse(error.getMessage());
  }

  private static void assertWithinTenPercent(long estimate, long actual) {
    assertTrue(
        Math.abs(estimate - actual) <= 0.1 * actual, "estimated " + estimate + ", sent " + actual);
  }

  @Test
  void aKnownTotalOrTypicalRowsGiveAnEstimateWithinTenPercent() throws Exception {
    api(2_000, true);
    try (Connection c =
        feeds.connectTables(
            table("items", "") + table("typical", "        typical_rows: 2000\n"))) {
      // Declared: 20 pages before any request.
      String typical = "SELECT count(*) FROM t.typical";
      assertEquals(20, estimate(c, typical));
      assertEquals(0, api.count("/items"), "EXPLAIN sends no request");
      assertWithinTenPercent(20, sent(c, typical));
      // Unknown until read once, then the total the first read announced.
      String items = "SELECT count(*) FROM t.items";
      assertTrue(rows(c, "EXPLAIN PLAN FOR " + items).toString().contains("requests=[>= 1]"));
      assertEquals(20, sent(c, items));
      assertEquals(20, estimate(c, items));
      assertWithinTenPercent(estimate(c, items), sent(c, items));
      String limited = "SELECT id FROM t.items LIMIT 250";
      assertEquals(3, estimate(c, limited));
      assertEquals(3, sent(c, limited));
    }
  }

  @Test
  void aQueryEstimatedPastTheBudgetFailsAtPlanningBeforeAnyRequest() throws Exception {
    api(2_000, true);
    feeds.startTables(table("typical", "        typical_rows: 2000\n"));
    try (Connection c = feeds.connect(Map.of("max_requests", "10"))) {
      api.reset();
      SQLException e =
          assertThrows(SQLException.class, () -> rows(c, "SELECT count(*) FROM t.typical"));
      assertEquals("54000", state(e));
      assertTrue(message(e).contains("t.typical"), message(e));
      assertTrue(message(e).contains("estimated at 20 HTTP requests"), message(e));
      assertTrue(message(e).contains("max_requests = 10"), message(e));
      api.awaitQuiet();
      assertEquals(0, api.count("/items"));
      // Within the budget: a LIMIT that needs 10 pages at most runs.
      assertEquals(1000, rows(c, "SELECT id FROM t.typical LIMIT 1000").size());
    }
  }

  @Test
  void theRequestThatWouldPassTheBudgetIsNeverSent() throws Exception {
    api(2_000, false);
    feeds.startTables(
        "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
            + "        pagination: {style: offset, page_size: 100}\n"
            + COLUMNS);
    try (Connection c = feeds.connect(Map.of("max_requests", "3"))) {
      api.reset();
      SQLException e =
          assertThrows(SQLException.class, () -> rows(c, "SELECT count(*) FROM t.items"));
      assertEquals("54000", state(e));
      assertTrue(message(e).contains("t.items"), message(e));
      assertTrue(message(e).contains("max_requests = 3"), message(e));
      assertTrue(message(e).contains("estimated at 1 requests"), message(e));
      api.awaitQuiet();
      // Pages 2 and 3 leave side by side; when the refused claim comes first, the failure stops
      // the other before it leaves. Either way no request past the budget is sent.
      long sent = api.count("/items");
      assertTrue(sent >= 2 && sent <= 3, "the fourth request was not sent: " + sent + " were");
    }
    try (Connection c = feeds.connect(Map.of("max_requests", "-1"))) {
      assertEquals(List.of(List.of(2000L)), rows(c, "SELECT count(*) FROM t.items"));
    }
  }

  @Test
  void whatOneEngineLearnedIsNotSeenByAnother() throws Exception {
    api(2_000, true);
    feeds.startTables(table("items", ""));
    String items = "SELECT count(*) FROM t.items";
    try (Connection c = feeds.connect()) {
      assertEquals(List.of(List.of(2000L)), rows(c, items));
      assertEquals(20, estimate(c, items));
    }
    // A second engine on the same catalog, in the same JVM, starts knowing nothing of the feed:
    // it neither estimates from the first one's read nor refuses a query on its account.
    try (ArrowtapEngine other =
            new ArrowtapEngine(
                EngineConfig.defaults().withCatalog(feeds.dir().resolve("catalog.yaml")));
        Connection c = other.connect(Map.of("max_requests", "25"))) {
      assertTrue(
          rows(c, "EXPLAIN PLAN FOR " + items).toString().contains("requests=[>= 1]"),
          rows(c, "EXPLAIN PLAN FOR " + items).toString());
      assertEquals(List.of(List.of(2000L)), rows(c, items));
      assertEquals(20, estimate(c, items));
    }
  }

  /** A next-URL feed whose requests send no page size: 100 records a page, 500 in all. */
  private void chain() {
    api.route(
        "/chain",
        r -> {
          long from = r.param("from") == null ? 0 : Long.parseLong(r.param("from"));
          long to = Math.min(500, from + 100);
          String next = to < 500 ? "\"" + api.url("/chain?from=" + to) + "\"" : "null";
          return Reply.json(
              "{\"data\":["
                  + String.join(",", FeedTestServer.records(from, to))
                  + "],\"next\":"
                  + next
                  + ",\"total\":500}");
        });
  }

  @Test
  void aFeedThatSendsNoPageSizeIsEstimatedFromThePagesReadNotByDividingByIt() throws Exception {
    chain();
    String chain =
        "        url: URL/chain\n        records: {pointer: /data}\n"
            + "        pagination: {style: next_url, next_pointer: /next, total_pointer: /total}\n"
            + COLUMNS;
    try (Connection c =
        feeds.connectTables(
            "      - name: chain\n"
                + chain
                + "      - name: typical\n        typical_rows: 500\n"
                + chain)) {
      // No page size to divide typical_rows or a total by: only the first page is certain.
      for (String table : List.of("t.chain", "t.typical")) {
        String sql = "SELECT count(*) FROM " + table;
        String plan = rows(c, "EXPLAIN PLAN FOR " + sql).toString();
        assertTrue(plan.contains("requests=[>= 1]"), plan);
        assertEquals(List.of(List.of(500L)), rows(c, sql));
        // Once read to its end, the pages it took.
        assertEquals(5, estimate(c, sql));
        assertEquals(5, sent(c, sql, "/chain"));
        plan = rows(c, "EXPLAIN PLAN FOR SELECT id FROM " + table + " LIMIT 150").toString();
        assertTrue(plan.contains("requests=["), plan);
      }
    }
  }
}
