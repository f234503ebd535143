package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: a table's response cache, its revalidation, and the session switch that skips it. */
class FeedCacheTest {
  private static final String SUM = "SELECT count(*), CAST(sum(id) AS BIGINT) FROM t.users";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private MovableTicker ticker;

  @BeforeEach
  void start() {
    ticker = MovableTicker.install();
  }

  @AfterEach
  void stop() {
    ticker.close();
  }

  private void catalog(String more) throws Exception {
    feeds.start(
        "schemas:\n  - name: t\n    tables:\n      - name: users\n        url: URL/users\n"
            + "        records: {pointer: /data}\n"
            + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
            + "        concurrency: 1\n" // exact request counts: nothing asked ahead
            + more);
  }

  private void users(String etag) {
    api.route(
        "/users",
        r -> {
          if (etag != null && etag.equals(r.header("If-None-Match"))) {
            return new Reply(304, Map.of("ETag", etag), new byte[0], false, false);
          }
          int offset = Integer.parseInt(r.param("offset"));
          Reply reply =
              Reply.json(
                  "{\"data\":["
                      + String.join(
                          ",", FeedTestServer.records(offset, Math.min(250, offset + 100)))
                      + "],\"total\":250}");
          return etag == null ? reply : reply.withHeader("ETag", etag);
        });
  }

  private List<List<Object>> rows(String sql, Map<String, String> properties) throws Exception {
    try (Connection c = feeds.connect(properties)) {
      return FeedFixture.rows(c, sql);
    }
  }

  private static final List<List<Object>> EXPECTED = List.of(List.of(250L, 250L * 249 / 2));

  @Test
  void aSecondQueryWithinTheTtlMakesNoRequestAndInferenceSharesPageOne() throws Exception {
    users(null);
    catalog("        cache: {ttl_seconds: 60, max_bytes: 1000000}\n");
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    // Columns inferred from page 1, then three pages read: page 1 came from the cache.
    assertEquals(3, api.count("/users"));
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    assertEquals(3, api.count("/users"), "the second query made no request");
    try (Connection c = feeds.connect()) {
      List<List<Object>> hits =
          FeedFixture.rows(
              c, "SELECT sum(cache_hits) FROM sys.task_metrics WHERE scan = 't.users'");
      assertEquals(3L, ((Number) hits.get(0).get(0)).longValue(), "the second query's pages");
    }
    // The session switch reads from the API again.
    assertEquals(EXPECTED, rows(SUM, Map.of("cache", "false")));
    assertEquals(6, api.count("/users"));
  }

  @Test
  void withoutACacheEveryQueryAsksTheApi() throws Exception {
    users(null);
    catalog("        columns: [{name: id, type: BIGINT}]\n");
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    assertEquals(6, api.count("/users"));
  }

  @Test
  void aStaleEntryIsRevalidatedWithItsETag() throws Exception {
    users("\"v1\"");
    catalog(
        "        columns: [{name: id, type: BIGINT}]\n"
            + "        cache: {ttl_seconds: 1, max_bytes: 1000000}\n");
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    ticker.advance(Duration.ofMillis(1100));
    api.reset();
    assertEquals(EXPECTED, rows(SUM, Map.of()));
    assertEquals(3, api.count("/users"), "each page asked again, once");
    for (FeedTestServer.Request request : api.requests("/users")) {
      assertEquals("\"v1\"", request.header("If-None-Match"));
    }
  }
}
