package dev.arrowtap.source.http;

import static dev.arrowtap.source.http.FeedFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many requests a scan sends, read from the in-test API's request log: the first page goes
 * alone, nothing goes past the end, and nothing new leaves after a failed page.
 */
class FeedRequestCountTest {
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  /**
   * {@code total} records at {@code offset}/{@code limit}, at most {@code cap} a page; a total when
   * told to; {@code failing} answers 500 at once where the others take {@code slowMillis}.
   */
  private void api(int total, int cap, boolean withTotal, long failing, long slowMillis) {
    api.route(
        "/items",
        r -> {
          long offset = Long.parseLong(r.param("offset"));
          if (offset == failing) {
            return Reply.status(500, "{\"error\":\"boom\"}");
          }
          pause(offset == 0 ? 0 : slowMillis);
          int size = Math.min(cap, Integer.parseInt(r.param("limit")));
          String data =
              String.join(
                  ",", FeedTestServer.records(offset, Math.min(total, offset + (long) size)));
          return Reply.json(
              "{\"data\":[" + data + "]" + (withTotal ? ",\"total\":" + total : "") + "}");
        });
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String table(String name, String pagination) {
    return "      - name: "
        + name
        + "\n        url: URL/items\n        records: {pointer: /data}\n"
        + "        pagination: "
        + pagination
        + "\n        concurrency: 4\n"
        + COLUMNS;
  }

  private List<Long> offsets() {
    api.awaitQuiet();
    return api.requests("/items").stream()
        .map(r -> Long.parseLong(r.param("offset")))
        .sorted()
        .toList();
  }

  private static long count(Connection c, String table) throws SQLException {
    return (Long) rows(c, "SELECT count(*) FROM t." + table).get(0).get(0);
  }

  @Test
  void aShortFirstPageIsTheOnlyRequest() throws Exception {
    api(12, 1000, false, -1, 0);
    try (Connection c =
        feeds.connectTables(
            table("bare", "{style: offset, page_size: 100}")
                + table("total", "{style: offset, page_size: 100, total_pointer: /total}"))) {
      assertEquals(12, count(c, "bare"));
      assertEquals(List.of(0L), offsets());
      api.reset();
      assertEquals(12, count(c, "total"));
      assertEquals(List.of(0L), offsets());
    }
  }

  @Test
  void aRoundShortFirstPageWithoutATotalIsCheckedWithPageTwoAlone() throws Exception {
    // The API sends 50 a page whatever is asked, and no total: page 1's 50 records may be the
    // whole feed or a cap. Page 2 alone at 50 a page tells: here it is full, so the scan reads on.
    api(120, 50, false, -1, 0);
    try (Connection c = feeds.connectTables(table("items", "{style: offset, page_size: 100}"))) {
      assertEquals(120, count(c, "items"));
      // Once page 2 showed the cap the pages fan out as usual: with no total, up to concurrency
      // (4) past the short page 3.
      List<Long> sent = offsets();
      assertEquals(List.of(0L, 50L, 100L), sent.subList(0, 3), sent.toString());
      assertTrue(sent.get(sent.size() - 1) <= 300, sent.toString());
    }
    // A feed of exactly 50 records: one request more than a short page of 12, no more.
    api.reset();
    api(50, 1000, false, -1, 0);
    try (Connection c = feeds.connectTables(table("items", "{style: offset, page_size: 100}"))) {
      assertEquals(50, count(c, "items"));
      assertEquals(List.of(0L, 50L), offsets());
    }
  }

  @Test
  void aRefusedFirstPageIsTheOnlyRequest() throws Exception {
    for (int status : List.of(401, 403, 404)) {
      api.route("/items", r -> Reply.status(status, "{\"error\":\"no\"}"));
      api.reset();
      try (Connection c = feeds.connectTables(table("items", "{style: offset, page_size: 100}"))) {
        SQLException e = assertThrows(SQLException.class, () -> count(c, "items"));
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        assertTrue(e.getMessage().contains("t.items"), e.getMessage());
        assertEquals(1, offsets().size(), status + ": " + offsets());
      }
    }
  }

  @Test
  void aTotalMeansNoRequestPastTheLastPage() throws Exception {
    api(250, 1000, true, -1, 0);
    String withTotal = "{style: offset, page_size: 100, total_pointer: /total}";
    try (Connection c = feeds.connectTables(table("items", withTotal))) {
      assertEquals(250, count(c, "items"));
      assertEquals(List.of(0L, 100L, 200L), offsets());
    }
    api(137, 1000, true, -1, 0);
    api.reset();
    try (Connection c = feeds.connectTables(table("items", withTotal))) {
      assertEquals(137, count(c, "items"));
      assertEquals(List.of(0L, 100L), offsets());
    }
  }

  @Test
  void aPageSizeCapLearnedFromPageOneBoundsThePagesByTheTotal() throws Exception {
    api(250, 50, true, -1, 0);
    try (Connection c =
        feeds.connectTables(
            table("items", "{style: offset, page_size: 100, total_pointer: /total}"))) {
      assertEquals(250, count(c, "items"));
      assertEquals(List.of(0L, 50L, 100L, 150L, 200L), offsets());
    }
  }

  @Test
  void noNewRequestLeavesAfterAFailedPage() throws Exception {
    for (boolean withTotal : List.of(false, true)) {
      // Page 3 fails at once while pages 2, 4 and 5 are still on their way (500 ms each).
      api(100_000, 1000, withTotal, 200, 500);
      api.reset();
      String pagination =
          withTotal ? "{style: offset, page_size: 100, total_pointer: /total}" : "{style: offset}";
      try (Connection c = feeds.connectTables(table("items", pagination))) {
        SQLException e = assertThrows(SQLException.class, () -> count(c, "items"));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("page 3"), e.getMessage());
        // Page 1 alone, then pages 2 to 5 at once (concurrency 4); nothing after the failure.
        // Pages 4 and 5 leave on their own threads, so page 3's quick failure may stop them before
        // they leave: at most up to page 5, never past it.
        List<Long> sent = offsets().stream().sorted().toList();
        assertEquals(List.of(0L, 100L, 200L), sent.subList(0, 3), "total: " + withTotal);
        assertTrue(sent.size() <= 5 && sent.stream().allMatch(o -> o <= 400L), "sent: " + sent);
      }
    }
  }

  @Test
  void sysCountsEachTablesAndHostsRequestsErrorsAnd429s() throws Exception {
    api(250, 1000, true, -1, 0);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    api.route(
        "/busy",
        r ->
            calls.getAndIncrement() == 0
                ? Reply.status(429, "{}").withHeader("Retry-After", "0")
                : Reply.json("{\"data\":[{\"id\":1,\"name\":\"a\"}]}"));
    try (Connection c =
        feeds.connectTables(
            table("items", "{style: offset, page_size: 100, total_pointer: /total}")
                + "      - name: busy\n        url: URL/busy\n        records: {pointer: /data}\n"
                + COLUMNS)) {
      assertEquals(250, count(c, "items"));
      assertEquals(250, count(c, "items"));
      assertEquals(1, count(c, "busy"));
      String host = api.url("").replaceAll("/$", "");
      assertEquals(
          List.of(List.of("t.busy", host, 2L, 1L, 1L), List.of("t.items", host, 6L, 0L, 0L)),
          rows(
              c,
              "SELECT table_name, host, http_requests, errors, http_429 FROM sys.table_requests"
                  + " ORDER BY table_name"));
      assertEquals(
          List.of(List.of(host, 8L, 1L, 1L)),
          rows(c, "SELECT host, http_requests, errors, http_429 FROM sys.host_requests"));
      List<List<Object>> bytes =
          rows(c, "SELECT http_bytes FROM sys.table_requests WHERE table_name = 't.items'");
      assertTrue((Long) bytes.get(0).get(0) > 10_000, bytes.toString());
    }
  }
}
