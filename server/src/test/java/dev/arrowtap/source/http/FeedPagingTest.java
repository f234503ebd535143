package dev.arrowtap.source.http;

import static dev.arrowtap.source.http.FeedFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a feed's pages are requested: page-size caps, concurrency, LIMIT (issues 7 and 10). */
class FeedPagingTest {
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  /**
   * An API with {@code total} records that sends at most {@code cap} a page, whatever it is asked,
   * at {@code offset}/{@code limit} or {@code page}/{@code per_page}; a total when told to.
   */
  private void cappedApi(int total, int cap, boolean withTotal) {
    api.route(
        "/items",
        r -> {
          int size = Math.min(cap, Integer.parseInt(param(r, "limit", param(r, "per_page", "50"))));
          int from =
              r.param("page") != null
                  ? (Integer.parseInt(r.param("page")) - 1) * size
                  : Integer.parseInt(param(r, "offset", "0"));
          String data =
              String.join(",", FeedTestServer.records(from, Math.min(total, from + size)));
          return Reply.json(
              "{\"data\":[" + data + "]" + (withTotal ? ",\"total\":" + total : "") + "}");
        });
  }

  private static String param(FeedTestServer.Request r, String name, String fallback) {
    return r.param(name) == null ? fallback : r.param(name);
  }

  private static final String SUM =
      "SELECT count(*), count(DISTINCT id), CAST(sum(id) AS BIGINT) FROM t.items";

  private static List<List<Object>> all(long n) {
    return List.of(List.of(n, n, n * (n - 1) / 2));
  }

  private String notes(Connection c) throws SQLException {
    List<List<Object>> notes =
        rows(c, "SELECT notes FROM sys.task_metrics WHERE notes IS NOT NULL");
    return notes.toString();
  }

  @Test
  void issue7PageSizeAboveTheApiCapFollowsTheTotal() throws Exception {
    cappedApi(1000, 200, true);
    try (Connection c =
        feeds.connectTables(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500, total_pointer: /total}\n"
                + COLUMNS)) {
      assertEquals(all(1000), rows(c, SUM));
      assertTrue(
          notes(c).contains("page_size 500 asked, the API sent 200 records on page 1"), notes(c));
    }
  }

  @Test
  void issue7PageSizeAboveTheApiCapWithoutATotalReadsOnAtTheApisSize() throws Exception {
    cappedApi(1000, 200, false);
    try (Connection c =
        feeds.connectTables(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500, may_cap_page_size: true}\n"
                + "      - name: paged\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: page, page_size: 500, may_cap_page_size: true}\n"
                + COLUMNS)) {
      assertEquals(all(1000), rows(c, SUM));
      assertEquals(all(1000), rows(c, SUM.replace("t.items", "t.paged")));
      assertTrue(notes(c).contains("reading on at 200 a page"), notes(c));
    }
  }

  @Test
  void issue7AFeedSmallerThanOnePageEndsWithoutANote() throws Exception {
    cappedApi(37, 200, true);
    try (Connection c =
        feeds.connectTables(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500, total_pointer: /total}\n"
                + "        concurrency: 1\n"
                + COLUMNS)) {
      assertEquals(all(37), rows(c, SUM));
      assertEquals("[]", notes(c));
      assertEquals(1, api.count("/items"), "concurrency: 1 sends no request ahead");
    }
  }

  private static List<List<Object>> ids(long n) {
    List<List<Object>> out = new ArrayList<>();
    for (long id = 0; id < n; id++) {
      out.add(List.of(id));
    }
    return out;
  }

  private static String table(String name, String pagination, String more) {
    return "      - name: "
        + name
        + "\n        url: URL/items\n        records: {pointer: /data}\n"
        + "        pagination: "
        + pagination
        + "\n"
        + more
        + COLUMNS;
  }

  @Test
  void pagesGoConcurrentlyUpToTheTablesConcurrencyInPageOrder() throws Exception {
    cappedApi(1000, 1000, true);
    api.delay(40);
    try (Connection c =
        feeds.connectTables(
            table(
                    "total",
                    "{style: offset, page_size: 50, total_pointer: /total}",
                    "        concurrency: 3\n")
                + table("nototal", "{style: offset, page_size: 50}", "        concurrency: 3\n")
                + table("pages", "{style: page, page_size: 50}", "        concurrency: 3\n")
                + table("single", "{style: offset, page_size: 50}", "        concurrency: 1\n"))) {
      for (String name : List.of("total", "nototal", "pages")) {
        api.reset();
        // No ORDER BY: rows come in page order all the same.
        assertEquals(ids(1000), rows(c, "SELECT id FROM t." + name), name);
        assertTrue(api.maxInFlight() <= 3, name + ": " + api.maxInFlight() + " at once");
        assertTrue(api.maxInFlight() >= 2, name + ": pages went one at a time");
        long requests = api.count("/items");
        // 20 pages: with a total, no more; without, up to the concurrency past the end, cancelled.
        if (name.equals("total")) {
          assertEquals(20, requests, name);
        } else {
          assertTrue(requests >= 20 && requests <= 23, name + ": " + requests + " requests");
        }
      }
      api.reset();
      assertEquals(ids(1000), rows(c, "SELECT id FROM t.single"));
      assertEquals(1, api.maxInFlight(), "concurrency: 1 reads one page at a time");
    }
  }

  @Test
  void parameterValuesGoConcurrentlyUpToTheTablesConcurrency() throws Exception {
    api.route(
        "/user",
        r ->
            Reply.json(
                "{\"data\":["
                    + FeedTestServer.records(
                            Long.parseLong(r.param("id")), Long.parseLong(r.param("id")) + 1)
                        .get(0)
                    + "]}"));
    api.delay(150);
    try (Connection c =
        feeds.connectTables(
            "      - name: user\n        url: URL/user\n        records: {pointer: /data}\n"
                + "        concurrency: 6\n"
                + "        parameters: [{name: id, type: BIGINT}]\n"
                + "        columns: [{name: name, type: VARCHAR}]\n")) {
      assertEquals(
          List.of(List.of(6L)),
          rows(c, "SELECT count(DISTINCT name) FROM t.\"user\" WHERE id IN (1, 2, 3, 4, 5, 6)"));
      assertEquals(6, api.count("/user"));
      // More than one per core, never more than the table allows.
      assertTrue(api.maxInFlight() >= 3 && api.maxInFlight() <= 6, "" + api.maxInFlight());
    }
  }

  @Test
  void linkHeaderWithALastPageNumberGoesConcurrently() throws Exception {
    int pages = 12;
    api.route(
        "/repos",
        r -> {
          int page = r.param("page") == null ? 1 : Integer.parseInt(r.param("page"));
          Reply reply =
              Reply.json(
                  "{\"data\":["
                      + String.join(",", FeedTestServer.records((page - 1) * 30L, page * 30L))
                      + "]}");
          if (page < pages) {
            String base = api.url("/repos?per_page=30&page=");
            reply =
                reply.withHeader(
                    "Link",
                    "<"
                        + base
                        + (page + 1)
                        + ">; rel=\"next\", <"
                        + base
                        + pages
                        + ">; rel=\"last\"");
          }
          return reply;
        });
    api.delay(40);
    try (Connection c =
        feeds.connectTables(
            "      - name: repos\n        url: URL/repos\n        records: {pointer: /data}\n"
                + "        pagination: {style: link_header}\n        concurrency: 4\n"
                + COLUMNS)) {
      assertEquals(ids(pages * 30L), rows(c, "SELECT id FROM t.repos"));
      assertEquals(pages, api.count("/repos"));
      assertTrue(api.maxInFlight() >= 2 && api.maxInFlight() <= 4, "" + api.maxInFlight());
    }
  }

  @Test
  void cursorFeedsHaveTheNextPageInFlightWhileThisOneDecodes() throws Exception {
    api.route(
        "/events",
        r -> {
          int from = r.param("after") == null ? 0 : Integer.parseInt(r.param("after"));
          int to = Math.min(200, from + 40);
          String next = to < 200 ? "\"" + to + "\"" : "null";
          // The cursor comes before the records, so it is known as soon as the body starts.
          return Reply.json(
              "{\"next\":"
                  + next
                  + ",\"data\":["
                  + String.join(",", FeedTestServer.records(from, to))
                  + "]}");
        });
    try (Connection c =
        feeds.connectTables(
            "      - name: events\n        url: URL/events\n        records: {pointer: /data}\n"
                + "        pagination: {style: cursor, cursor_param: after, cursor_pointer: /next}\n"
                + COLUMNS)) {
      assertEquals(ids(200), rows(c, "SELECT id FROM t.events"));
      assertEquals(5, api.count("/events"));
    }
  }

  private static String plan(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    for (List<Object> row : rows(c, "EXPLAIN PLAN FOR " + sql)) {
      out.append(row.get(0)).append('\n');
    }
    return out.toString();
  }

  @Test
  void limitFiveOnAHundredPageFeedMakesOneRequestForFiveRecords() throws Exception {
    cappedApi(10_000, 1000, false);
    try (Connection c =
        feeds.connectTables(
            table("items", "{style: offset, page_size: 100}", "")
                + table("paged", "{style: page, page_size: 100}", ""))) {
      assertEquals(ids(5), rows(c, "SELECT id FROM t.items LIMIT 5"));
      assertEquals(1, api.count("/items"));
      assertEquals("5", api.requests("/items").get(0).param("limit"), "a small page for 5 rows");
      api.reset();
      assertEquals(ids(5), rows(c, "SELECT id FROM t.paged LIMIT 5"));
      assertEquals(1, api.count("/items"));
      assertEquals("5", api.requests("/items").get(0).param("per_page"));
      assertTrue(
          plan(c, "SELECT id FROM t.items LIMIT 5").contains("columns=[[id]], limit=[5]"),
          plan(c, "SELECT id FROM t.items LIMIT 5"));
    }
  }

  @Test
  void dbeaversLimit200OnAHundredPageFeedCostsTwoRequests() throws Exception {
    cappedApi(10_000, 1000, false);
    try (Connection c =
        feeds.connectTables(table("items", "{style: offset, page_size: 100}", ""))) {
      assertEquals(
          ids(200),
          rows(c, "SELECT * FROM t.items LIMIT 200").stream().map(r -> r.subList(0, 1)).toList());
      assertEquals(2, api.count("/items"));
      api.reset();
      // OFFSET counts: rows 50 to 249 are on the first three pages.
      List<List<Object>> window = rows(c, "SELECT id FROM t.items LIMIT 200 OFFSET 50");
      assertEquals(ids(250).subList(50, 250), window);
      assertEquals(3, api.count("/items"));
    }
  }

  @Test
  void limitAfterOrderByOrAFilterStillReadsWhatItNeeds() throws Exception {
    cappedApi(1000, 1000, true);
    try (Connection c =
        feeds.connectTables(
            table("items", "{style: offset, page_size: 100, total_pointer: /total}", ""))) {
      // The largest ids are on the last page: every page is read.
      assertEquals(
          List.of(List.of(999L), List.of(998L)),
          rows(c, "SELECT id FROM t.items ORDER BY id DESC LIMIT 2"));
      assertEquals(10, api.count("/items"));
      api.reset();
      assertEquals(
          List.of(List.of(990L)), rows(c, "SELECT id FROM t.items WHERE id >= 990 LIMIT 1"));
      assertEquals(10, api.count("/items"));
    }
  }
}
