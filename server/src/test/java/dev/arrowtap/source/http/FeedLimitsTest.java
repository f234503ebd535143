package dev.arrowtap.source.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: request budgets shared by every query of the server, and the API's own pauses. */
class FeedLimitsTest {
  private static final String ONE_RECORD = "{\"data\":[{\"id\":1}]}";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();

  private void catalog(String tables) throws Exception {
    feeds.startTables(tables);
  }

  private static String table(String name, String more) {
    return "      - name: "
        + name
        + "\n        url: URL/"
        + name
        + "\n        records: {pointer: /data}\n        columns: [{name: id, type: BIGINT}]\n"
        + more;
  }

  private long query(String sql) {
    try (Connection c = feeds.connect()) {
      return ((Number) FeedFixture.rows(c, sql).get(0).get(0)).longValue();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long millisBetween(FeedTestServer.Request first, FeedTestServer.Request last) {
    return TimeUnit.NANOSECONDS.toMillis(last.arrivedNanos() - first.arrivedNanos());
  }

  @Test
  void twentyConcurrentQueriesStayWithinTheRateAndInFlightBound() throws Exception {
    api.route("/items", r -> Reply.json(ONE_RECORD)).delay(30);
    catalog(
        table(
            "items",
            "        rate_limit: {requests_per_second: 20, burst: 2, max_in_flight: 2}\n"));
    List<CompletableFuture<Long>> queries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      queries.add(CompletableFuture.supplyAsync(() -> query("SELECT count(*) FROM t.items")));
    }
    for (CompletableFuture<Long> q : queries) {
      assertEquals(1L, q.get(60, TimeUnit.SECONDS));
    }
    List<FeedTestServer.Request> requests = api.requests("/items");
    assertEquals(20, requests.size());
    assertTrue(api.maxInFlight() <= 2, "at once: " + api.maxInFlight());
    // 20 requests at 20 a second with a burst of 2: the last is sent 0.9 s after the first at
    // least. Arrival times jitter on a loaded machine, so allow 250 ms; with max_in_flight alone
    // (no rate) the 20 requests of 30 ms would all arrive within about 300 ms.
    List<FeedTestServer.Request> sorted =
        requests.stream()
            .sorted(java.util.Comparator.comparingLong(FeedTestServer.Request::arrivedNanos))
            .toList();
    long spread = millisBetween(sorted.get(0), sorted.get(19));
    assertTrue(spread >= 650, "20 requests within " + spread + " ms");
    try (Connection c = feeds.connect()) {
      long waits =
          ((Number)
                  FeedFixture.rows(
                          c,
                          "SELECT sum(rate_limit_waits) FROM sys.task_metrics WHERE scan = 't.items'")
                      .get(0)
                      .get(0))
              .longValue();
      assertTrue(waits >= 10, "waits counted: " + waits);
    }
  }

  @Test
  void aRetryAfterFromTheApiPausesEveryQueryOfThatHost() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/busy",
        r ->
            calls.getAndIncrement() == 0
                ? Reply.status(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "1")
                : Reply.json(ONE_RECORD));
    api.route("/other", r -> Reply.json(ONE_RECORD));
    catalog(table("busy", "") + table("other", ""));
    CompletableFuture<Long> busy =
        CompletableFuture.supplyAsync(() -> query("SELECT count(*) FROM t.busy"));
    // The engine counts the 429 just before it pauses the host.
    await("the 429 reaches the engine")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> query("SELECT coalesce(sum(http_429), 0) FROM sys.host_requests") > 0);
    assertEquals(1L, query("SELECT count(*) FROM t.other"));
    assertEquals(1L, busy.get(30, TimeUnit.SECONDS));
    long waited = millisBetween(api.requests("/busy").get(0), api.requests("/other").get(0));
    assertTrue(waited >= 900, "the other table's request went " + waited + " ms after the 429");
  }

  @Test
  void anExhaustedRateLimitRemainingPausesUntilTheReset() throws Exception {
    api.route(
        "/items",
        r ->
            Reply.json(ONE_RECORD)
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "1"));
    catalog(table("items", ""));
    assertEquals(1L, query("SELECT count(*) FROM t.items"));
    assertEquals(1L, query("SELECT count(*) FROM t.items"));
    long waited = millisBetween(api.requests("/items").get(0), api.requests("/items").get(1));
    assertTrue(waited >= 900, "the second request went " + waited + " ms after the first");
  }
}
