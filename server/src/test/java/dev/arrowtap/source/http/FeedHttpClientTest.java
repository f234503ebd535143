package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, backoff and Retry-After against an in-test HTTP server, with the waits recorded. */
class FeedHttpClientTest {
  @TempDir Path dir;
  private FeedTestServer api;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final FeedHttpClient client =
      new FeedHttpClient(
          (delay, stopped) -> {
            waits.add(delay);
            return true;
          });
  private final TaskMetrics metrics = new TaskMetrics();

  @BeforeEach
  void start() {
    api = FeedTestServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    api.close();
  }

  private FeedDef feed(String retry) throws Exception {
    return OneFeed.load(dir, "        url: " + api.url("/x") + "\n        retry: " + retry + "\n");
  }

  private PageResponse fetch(FeedDef feed) throws HttpFailure {
    PageRequest request = new RequestFactory(feed, Map.of()).declared(Map.of(), Map.of());
    return client.fetch(request, feed.http(), () -> false, metrics);
  }

  @Test
  void retryableAnswersAreRetriedWithGrowingJitteredDelays() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/x", r -> calls.incrementAndGet() <= 2 ? Reply.status(503, "{}") : Reply.json("[1]"));
    try (PageResponse page =
        fetch(feed("{attempts: 4, initial_delay_ms: 100, max_delay_ms: 10000}"))) {
      assertEquals(200, page.status());
      assertEquals("[1]", new String(page.body().readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(2, waits.size());
    assertBetween(50, 100, waits.get(0));
    assertBetween(100, 200, waits.get(1));
    assertEquals(3, metrics.httpRequests());
    assertEquals(2, metrics.retries());
  }

  @Test
  void retryAfterIsHonouredUpToTheMaximumDelay() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/x",
        r ->
            calls.incrementAndGet() == 1
                ? Reply.status(429, "{}").withHeader("Retry-After", "3")
                : calls.get() == 2
                    ? Reply.status(429, "{}").withHeader("Retry-After", "3600")
                    : Reply.json("[]"));
    fetch(feed("{attempts: 3, max_delay_ms: 20000}")).close();
    assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(20)), waits);
  }

  @Test
  void aClientErrorIsNotRetriedAndShowsTheAnswer() throws Exception {
    api.route("/x", r -> Reply.status(404, "{\"error\": \"no such thing\"}"));
    HttpFailure failure = assertThrows(HttpFailure.class, () -> fetch(feed("{attempts: 4}")));
    assertEquals(404, failure.status());
    assertEquals(1, failure.attempts());
    assertTrue(failure.getMessage().startsWith("HTTP 404"), failure.getMessage());
    assertTrue(failure.getMessage().contains("no such thing"), failure.getMessage());
    assertEquals(List.of(), waits);
  }

  @Test
  void afterTheLastAttemptTheFailureSaysHowManyThereWere() throws Exception {
    api.route("/x", r -> Reply.status(502, "bad gateway"));
    HttpFailure failure =
        assertThrows(HttpFailure.class, () -> fetch(feed("{attempts: 3, initial_delay_ms: 10}")));
    assertEquals(3, failure.attempts());
    assertTrue(failure.getMessage().endsWith("(after 3 attempts)"), failure.getMessage());
    assertEquals(2, waits.size());
    assertEquals(3, api.count("/x"));
  }

  @Test
  void aStopDuringTheWaitEndsTheFetch() throws Exception {
    api.route("/x", r -> Reply.status(503, "{}"));
    FeedDef feed = feed("{attempts: 4}");
    PageRequest request = new RequestFactory(feed, Map.of()).declared(Map.of(), Map.of());
    try (FeedHttpClient stopping = new FeedHttpClient((delay, stopped) -> false)) {
      HttpFailure failure =
          assertThrows(
              HttpFailure.class, () -> stopping.fetch(request, feed.http(), () -> false, metrics));
      assertEquals("cancelled", failure.getMessage());
    }
    assertEquals(1, api.count("/x"));
  }

  private static void assertBetween(long lowMillis, long highMillis, Duration actual) {
    assertTrue(
        actual.toMillis() >= lowMillis && actual.toMillis() <= highMillis,
        actual + " not within [" + lowMillis + ", " + highMillis + "] ms");
  }
}
