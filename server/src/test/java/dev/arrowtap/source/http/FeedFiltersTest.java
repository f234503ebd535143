package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: range and equality filters on columns the catalog maps to request parameters. */
class FeedFiltersTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int RECORDS = 1000;

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  @BeforeEach
  void start() {
    // Record i was created i hours after START. The API filters by since (ISO, >=), until (epoch
    // seconds, <=) and min_id (>), then pages by offset with a total.
    api.route(
        "/events",
        r -> {
          Instant since = r.param("since") == null ? null : Instant.parse(r.param("since"));
          Long until = r.param("until") == null ? null : Long.parseLong(r.param("until"));
          Long minId = r.param("min_id") == null ? null : Long.parseLong(r.param("min_id"));
          List<String> matching = new ArrayList<>();
          for (int i = 0; i < RECORDS; i++) {
            Instant created = START.plusSeconds(3600L * i);
            if ((since == null || !created.isBefore(since))
                && (until == null || created.getEpochSecond() <= until)
                && (minId == null || i > minId)) {
              matching.add("{\"id\":" + i + ",\"created\":\"" + created + "\"}");
            }
          }
          int offset = Integer.parseInt(r.param("offset"));
          int limit = Integer.parseInt(r.param("limit"));
          List<String> page =
              matching.subList(
                  Math.min(offset, matching.size()), Math.min(matching.size(), offset + limit));
          return Reply.json(
              "{\"data\":[" + String.join(",", page) + "],\"total\":" + matching.size() + "}");
        });
  }

  private Connection connect() throws Exception {
    return feeds.connectTables(
        "      - name: events\n        url: URL/events\n"
            + "        records: {pointer: /data}\n"
            + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
            + "        concurrency: 1\n"
            + "        columns: [{name: id, type: BIGINT}, {name: created, type: TIMESTAMP}]\n"
            + "        filters:\n"
            + "          - {column: created, op: '>=', param: since, format: iso_datetime, exact: true}\n"
            + "          - {column: created, op: '<=', param: until, format: epoch_seconds, exact: true}\n"
            + "          - {column: id, op: '>', param: min_id}\n");
  }

  private static String plan(Connection c, String sql) throws SQLException {
    StringBuilder out = new StringBuilder();
    for (List<Object> row : FeedFixture.rows(c, "EXPLAIN PLAN FOR " + sql)) {
      out.append(row.get(0)).append('\n');
    }
    return out.toString();
  }

  private static List<List<Object>> ids(int from, int to) {
    List<List<Object>> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(List.of(id));
    }
    return out;
  }

  @Test
  void aRangeTheApiAppliesExactlyLeavesThePlanAndFetchesOnlyMatchingPages() throws Exception {
    try (Connection c = connect()) {
      // Records 900..999 are on or after 2024-02-07 12:00 (hour 900).
      String sql = "SELECT id FROM t.events WHERE created >= TIMESTAMP '2024-02-07 12:00:00'";
      String plan = plan(c, sql);
      assertTrue(plan.contains("api_filters=[[created >= 2024-02-07T12:00:00Z]]"), plan);
      assertFalse(plan.contains("Filter") || plan.contains("condition"), plan);
      api.reset();
      assertEquals(ids(900, 1000), FeedFixture.rows(c, sql));
      assertEquals(1, api.count("/events"), "one page of 100 matching records");
      assertEquals("2024-02-07T12:00:00Z", api.requests("/events").get(0).param("since"));
    }
  }

  @Test
  void betweenSendsBothBoundsInEachFormat() throws Exception {
    try (Connection c = connect()) {
      String sql =
          "SELECT id FROM t.events WHERE created BETWEEN TIMESTAMP '2024-01-05 00:00:00'"
              + " AND TIMESTAMP '2024-01-06 00:00:00'";
      String plan = plan(c, sql);
      assertFalse(plan.contains("condition"), plan);
      api.reset();
      assertEquals(ids(96, 121), FeedFixture.rows(c, sql));
      FeedTestServer.Request request = api.requests("/events").get(0);
      assertEquals("2024-01-05T00:00:00Z", request.param("since"));
      assertEquals(
          Long.toString(Instant.parse("2024-01-06T00:00:00Z").getEpochSecond()),
          request.param("until"));
      assertEquals(1, api.count("/events"));
    }
  }

  @Test
  void comparisonsTheApiOnlyNarrowsStayAboveTheScan() throws Exception {
    try (Connection c = connect()) {
      // > on a >= filter: the API returns the equal record too, the query drops it.
      String after = "SELECT id FROM t.events WHERE created > TIMESTAMP '2024-02-07 12:00:00'";
      assertTrue(plan(c, after).contains("(checked again)"), plan(c, after));
      assertTrue(
          plan(c, after).contains("condition") || plan(c, after).contains("Filter"),
          plan(c, after));
      assertEquals(ids(901, 1000), FeedFixture.rows(c, after));
      // An upper bound with milliseconds is rounded up to whole seconds, and checked again.
      String before =
          "SELECT id FROM t.events WHERE created <= TIMESTAMP '2024-01-01 02:59:59.500'";
      assertEquals(ids(0, 3), FeedFixture.rows(c, before));
      // A filter not declared exact stays too, though the API applies it.
      api.reset();
      String ids = "SELECT id FROM t.events WHERE id > 994 AND id <> 997";
      assertTrue(plan(c, ids).contains("api_filters=[[id > 994 (checked again)]]"), plan(c, ids));
      assertEquals(
          List.of(List.of(995L), List.of(996L), List.of(998L), List.of(999L)),
          FeedFixture.rows(c, ids));
      assertEquals("994", api.requests("/events").get(0).param("min_id"));
      assertEquals(1, api.count("/events"));
    }
  }

  @Test
  void aFilterOnAColumnWithoutADeclarationReadsEverything() throws Exception {
    try (Connection c = connect()) {
      String sql = "SELECT id FROM t.events WHERE id < 3";
      assertFalse(plan(c, sql).contains("api_filters"), plan(c, sql));
      api.reset();
      assertEquals(ids(0, 3), FeedFixture.rows(c, sql));
      assertEquals(10, api.count("/events"));
    }
  }
}
