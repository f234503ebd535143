package dev.arrowtap.source.http;

import static dev.arrowtap.source.http.FeedFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Feed tables end to end: a catalog, a real HTTP server, SQL through the engine. */
class FeedTablesTest {
  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  private static long single(Connection connection, String sql) throws SQLException {
    return ((Number) rows(connection, sql).get(0).get(0)).longValue();
  }

  private void offsetUsers(int total) {
    api.route(
        "/users",
        r -> {
          int offset = r.param("offset") == null ? 0 : Integer.parseInt(r.param("offset"));
          int limit = r.param("limit") == null ? total : Integer.parseInt(r.param("limit"));
          return Reply.json(
              "{\"data\":["
                  + String.join(
                      ",", FeedTestServer.records(offset, Math.min(total, offset + limit)))
                  + "],\"total\":"
                  + total
                  + "}");
        });
  }

  @Test
  void offsetPaginationReadsEveryRecordOnce() throws Exception {
    offsetUsers(250);
    try (Connection c =
        feeds.connectTables(
            "      - name: users\n        url: URL/users\n        records: {pointer: /data}\n        pagination: {style: offset, page_size: 100}\n")) {
      assertEquals(
          // SUM of a BIGINT is a DECIMAL, so that it cannot wrap (issue 7).
          List.of(List.of(250L, 250L, java.math.BigDecimal.valueOf(250L * 249 / 2))),
          rows(c, "SELECT count(*), count(DISTINCT id), sum(id) FROM t.users"));
      // The request that inferred the columns read page 1, which the scan decodes without
      // fetching it again (issue 7); with no total to go by, pages up to the table's concurrency
      // (4) past the last full one may have been requested ahead (then discarded, never read as
      // rows): each offset once, none further.
      List<Integer> offsets =
          api.requests("/users").stream()
              .map(r -> Integer.parseInt(r.param("offset")))
              .sorted()
              .toList();
      assertEquals(List.of(0, 100, 200), offsets.subList(0, 3));
      assertEquals(offsets.size(), new java.util.HashSet<>(offsets).size(), offsets.toString());
      assertTrue(offsets.get(offsets.size() - 1) <= 500, offsets.toString());
    }
  }

  @Test
  void totalPointerStopsWithoutAnExtraRequest() throws Exception {
    offsetUsers(200);
    try (Connection c =
        feeds.connectTables(
            "      - name: users\n        url: URL/users\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
                + "        concurrency: 1\n"
                + "        columns: [{name: id, type: BIGINT}, {name: city, type: VARCHAR, path: /address/city}]\n")) {
      assertEquals(
          List.of(List.of(200L, 3L)),
          rows(c, "SELECT count(*), count(DISTINCT city) FROM t.users"));
      assertEquals(2, api.count("/users"));
    }
  }

  @Test
  void cursorNextUrlAndLinkHeaderStyles() throws Exception {
    api.route(
        "/orders",
        r -> {
          int from =
              r.param("cursor") == null ? 0 : Integer.parseInt(r.param("cursor").substring(1));
          String next = from + 40 >= 100 ? "null" : "\"c" + (from + 40) + "\"";
          return Reply.json(
              "{\"next\":"
                  + next
                  + ",\"orders\":["
                  + String.join(",", FeedTestServer.records(from, Math.min(100, from + 40)))
                  + "]}");
        });
    api.route(
        "/tickets",
        r -> {
          int after = r.param("after") == null ? 0 : Integer.parseInt(r.param("after"));
          String next = after + 30 >= 75 ? "null" : "\"/tickets?after=" + (after + 30) + "\"";
          return Reply.json(
              "{\"results\":["
                  + String.join(",", FeedTestServer.records(after, Math.min(75, after + 30)))
                  + "],\"next\":"
                  + next
                  + "}");
        });
    api.route(
        "/events",
        r -> {
          int page = r.param("page") == null ? 1 : Integer.parseInt(r.param("page"));
          Reply reply =
              Reply.ndjson(
                  String.join("\n", FeedTestServer.records((page - 1) * 50L, page * 50L)) + "\n");
          return page < 3
              ? reply.withHeader(
                  "Link",
                  "<"
                      + api.url("/events?page=" + (page + 1))
                      + ">; rel=\"next\", <x>; rel=\"last\"")
              : reply;
        });
    api.route("/status", r -> Reply.json("{\"ok\":true,\"version\":\"1.2\"}"));
    try (Connection c =
        feeds.connectTables(
            "      - {name: orders, url: URL/orders, records: {pointer: /orders}, pagination: {style: cursor, cursor_pointer: /next}}\n"
                + "      - {name: tickets, url: URL/tickets, records: {pointer: /results}, pagination: {style: next_url, next_pointer: /next}}\n"
                + "      - {name: events, url: URL/events, pagination: {style: link_header}}\n"
                + "      - {name: status, url: URL/status, records: {format: object}}\n")) {
      assertEquals(100, single(c, "SELECT count(DISTINCT id) FROM t.orders"));
      assertEquals(
          List.of("c40", "c80"),
          api.requests("/orders").stream()
              .map(r -> r.param("cursor"))
              .filter(x -> x != null)
              .distinct()
              .toList());
      assertEquals(75, single(c, "SELECT count(DISTINCT id) FROM t.tickets"));
      assertEquals(150, single(c, "SELECT count(DISTINCT id) FROM t.events"));
      assertEquals(List.of(List.of(true, "1.2")), rows(c, "SELECT ok, version FROM t.status"));
    }
  }

  @Test
  void inferredColumnsAreTypedAndShownInMetadata() throws Exception {
    offsetUsers(10);
    try (Connection c =
        feeds.connectTables(
            "      - {name: users, url: URL/users, records: {pointer: /data}, description: the users}\n")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "t", "users", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
      assertEquals("id BIGINT", columns.get(0));
      assertEquals("name VARCHAR", columns.get(1));
      assertEquals("score DOUBLE", columns.get(2));
      assertEquals("active BOOLEAN", columns.get(3));
      assertTrue(columns.get(4).startsWith("joined TIMESTAMP"), columns.get(4));
      assertTrue(columns.get(5).startsWith("address VARCHAR"), columns.get(5));
      assertEquals(
          List.of(List.of("c1")),
          rows(c, "SELECT JSON_VALUE(address, '$.city') FROM t.users WHERE id = 4"));
    }
  }

  @Test
  void joinAcrossTwoFeeds() throws Exception {
    offsetUsers(30);
    api.route(
        "/orders",
        r -> {
          List<String> orders = new ArrayList<>();
          for (int i = 0; i < 60; i++) {
            orders.add(
                "{\"order\":" + i + ",\"user_id\":" + (i % 20) + ",\"amount\":" + (i + 0.5) + "}");
          }
          return Reply.json("[" + String.join(",", orders) + "]");
        });
    try (Connection c =
        feeds.connectTables(
            "      - {name: users, url: URL/users, records: {pointer: /data}, pagination: {style: offset, page_size: 7}}\n"
                + "      - {name: orders, url: URL/orders}\n")) {
      List<List<Object>> result =
          rows(
              c,
              "SELECT u.name, count(*) AS n FROM t.users u JOIN t.orders o ON o.user_id = u.id GROUP BY u.name ORDER BY u.name LIMIT 2");
      assertEquals(List.of(List.of("user 0", 3L), List.of("user 1", 3L)), result);
      assertEquals(
          20,
          single(
              c, "SELECT count(DISTINCT u.id) FROM t.users u JOIN t.orders o ON o.user_id = u.id"));
    }
  }

  @Test
  void projectionDecodesOnlyUsedColumns() throws Exception {
    offsetUsers(5);
    try (Connection c =
            feeds.connectTables(
                "      - {name: users, url: URL/users, records: {pointer: /data}}\n");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("EXPLAIN PLAN FOR SELECT name FROM t.users WHERE score > 1")) {
      rs.next();
      String plan = rs.getString(1);
      assertTrue(
          plan.contains("columns=[[name, score]]") || plan.contains("columns=[[score, name]]"),
          plan);
      assertTrue(plan.contains("scan=[t.users]"), plan);
    }
  }

  @Test
  void postBodyTemplateHeadersQueryAndBasicAuth() throws Exception {
    api.route(
        "/search",
        r -> {
          String body = r.body();
          int page = Integer.parseInt(body.replaceAll(".*\"page\": *(\\d+).*", "$1"));
          return Reply.json(
              "{\"hits\":["
                  + String.join(",", FeedTestServer.records((page - 1) * 5L, page * 5L))
                  + "]}");
        });
    try (Connection c =
        feeds.connectTables(
            "      - name: hits\n        url: URL/search\n        method: POST\n"
                + "        body: '{\"query\": \"x\", \"page\": ${page}}'\n"
                + "        headers: {X-Team: blue}\n        query: {lang: en}\n"
                + "        auth: {type: basic, username: ann, password: pw}\n"
                + "        records: {pointer: /hits}\n"
                + "        pagination: {style: page, page_size: 5, size_param: ''}\n"
                + "        concurrency: 1\n"
                + "        columns: [{name: id, type: BIGINT}]\n"
                + "        limits: {max_pages: 3}\n")) {
      SQLException capped =
          assertThrows(SQLException.class, () -> single(c, "SELECT count(*) FROM t.hits"));
      assertTrue(capped.getMessage().contains("max_pages = 3"), capped.getMessage());
      FeedTestServer.Request first = api.requests("/search").get(0);
      assertEquals("POST", first.method());
      assertEquals("{\"query\": \"x\", \"page\": 1}", first.body());
      assertEquals("blue", first.header("X-Team"));
      assertEquals("en", first.param("lang"));
      assertEquals(
          "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.UTF_8)),
          first.header("Authorization"));
      assertEquals("{\"query\": \"x\", \"page\": 3}", api.requests("/search").get(2).body());
      assertEquals(3, api.count("/search"), "never past max_pages");
    }
  }

  @Test
  void nextPageIsRequestedWhileThisOneStillStreams() throws Exception {
    CountDownLatch thirdRequested = new CountDownLatch(1);
    api.route(
        "/users",
        r -> {
          int offset = Integer.parseInt(r.param("offset"));
          if (offset == 200) {
            thirdRequested.countDown();
          }
          Reply reply =
              Reply.json(
                  "{\"total\":250,\"data\":["
                      + String.join(
                          ",", FeedTestServer.records(offset, Math.min(250, offset + 100)))
                      + "]}");
          // The first page goes alone; once it told the total, the second page's body stops
          // half-way until the third page is asked for: without the overlap, the scan would stall
          // here and fail on its response timeout.
          return offset == 100 ? reply.pausedUntil(thirdRequested) : reply;
        });
    try (Connection c =
        feeds.connectTables(
            "      - name: users\n        url: URL/users\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
                + "        concurrency: 2\n"
                + "        columns: [{name: id, type: BIGINT}]\n        timeouts: {response_ms: 3000}\n"
                + "        retry: {attempts: 1}\n")) {
      assertEquals(250, single(c, "SELECT count(DISTINCT id) FROM t.users"));
      assertEquals(3, api.count("/users"), "the total stops the guessing: no fourth request");
    }
  }

  @Test
  void limitStopsFetchingPages() throws Exception {
    offsetUsers(1000);
    try (Connection c =
        feeds.connectTables(
            "      - {name: users, url: URL/users, records: {pointer: /data}, pagination: {style: offset, page_size: 50},"
                + " columns: [{name: id, type: BIGINT}]}\n")) {
      assertEquals(5, rows(c, "SELECT id FROM t.users LIMIT 5").size());
      // The LIMIT reaches the feed: one request, for a page of 5.
      assertEquals(1, api.count("/users"));
      assertEquals("5", api.requests("/users").get(0).param("limit"));
    }
  }
}
