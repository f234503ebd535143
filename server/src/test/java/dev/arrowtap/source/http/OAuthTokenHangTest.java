package dev.arrowtap.source.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token endpoint that hangs holds up no cancel and no query that still has a usable token: the
 * token request is shared, and nobody holds a lock while it is on the network.
 */
class OAuthTokenHangTest {
  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger issued = new AtomicInteger();
  // Token requests after this many answered hang until the test releases them.
  private volatile int answerFirst;
  private MovableTicker ticker;

  @BeforeEach
  void start() throws Exception {
    ticker = MovableTicker.install();
    api.route(
        "/token",
        r -> {
          if (issued.get() >= answerFirst) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return Reply.json(
              "{\"access_token\":\"tok-" + issued.incrementAndGet() + "\",\"expires_in\":100}");
        });
    api.route("/items", r -> Reply.json("{\"data\":[{\"id\":1},{\"id\":2}]}"));
    feeds.start(
        "schemas:\n  - name: t\n    tables:\n      - name: items\n        url: URL/items\n"
            + "        records: {pointer: /data}\n        columns: [{name: id, type: BIGINT}]\n"
            + "        timeouts: {request_ms: 60000}\n"
            + "        auth: {type: oauth2, token_url: URL/token, client_id: hang,"
            + " client_secret: hang-secret}\n");
  }

  @AfterEach
  void stop() {
    release.countDown();
    ticker.close();
  }

  private static long count(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM t.items")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** Starts a count on its own connection; the statement is handed over for a cancel. */
  private CompletableFuture<Long> countAsync(AtomicReference<Statement> handed) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Connection c = feeds.connect();
              Statement s = c.createStatement()) {
            handed.set(s);
            return count(s);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void awaitTokenRequests(int n) {
    // Bounded: on a loaded machine the request may take a while to arrive.
    await("token request " + n + " arrives")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> api.count("/token") >= n);
  }

  private static SQLException failureOf(CompletableFuture<Long> query) throws Exception {
    // Well under the 60 s the token request may take and the scan's 10 s wait for its tasks.
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> query.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause().getCause() instanceof SQLException, String.valueOf(e.getCause()));
    return (SQLException) e.getCause().getCause();
  }

  @Test
  void aCancelEndsTheQueryWhileTheTokenRequestStillHangs() throws Exception {
    AtomicReference<Statement> statement = new AtomicReference<>();
    CompletableFuture<Long> query = countAsync(statement);
    awaitTokenRequests(1);
    statement.get().cancel();
    SQLException e = failureOf(query);
    assertTrue(e.getMessage().contains("query cancelled"), e.getMessage());
    assertEquals(1, release.getCount(), "ended before the token endpoint answered");
    assertFalse(e.getMessage().contains("hang-secret"), e.getMessage());
  }

  @Test
  void queriesWaitingForOneTokenShareItsRequestAndEachMayGiveUp() throws Exception {
    AtomicReference<Statement> first = new AtomicReference<>();
    AtomicReference<Statement> second = new AtomicReference<>();
    CompletableFuture<Long> cancelled = countAsync(first);
    awaitTokenRequests(1);
    CompletableFuture<Long> waiting = countAsync(second);
    first.get().cancel();
    SQLException e = failureOf(cancelled);
    assertTrue(e.getMessage().contains("query cancelled"), e.getMessage());
    assertFalse(waiting.isDone(), "the other query still waits for the token");
    release.countDown();
    assertEquals(2L, waiting.get(30, TimeUnit.SECONDS));
    assertEquals(1, api.count("/token"), "one token request for both queries");
  }

  @Test
  void queriesGoOnWithTheirTokenWhileItsRenewalHangs() throws Exception {
    answerFirst = 1;
    try (Connection c = feeds.connect();
        Statement s = c.createStatement()) {
      assertEquals(2, count(s));
      // Past the renewal (90 s into its 100) but before the token expires.
      ticker.advance(Duration.ofSeconds(92));
      assertEquals(2, count(s));
      awaitTokenRequests(2);
      assertEquals(2, count(s));
      assertEquals(2, api.count("/token"), "the renewal is asked for once");
      assertTrue(
          api.requests("/items").stream()
              .allMatch(r -> "Bearer tok-1".equals(r.header("Authorization"))));
    }
  }
}
