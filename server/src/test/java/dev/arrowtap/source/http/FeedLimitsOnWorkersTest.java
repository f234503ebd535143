package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a table's rate limit holds for the whole server, tasks on its workers included: each
 * worker gets its share, or the coordinator keeps a budget too small to share.
 */
class FeedLimitsOnWorkersTest {
  private static final WorkerSecret SECRET = WorkerSecret.of("limits-worker-secret-0123");
  private static final int VALUES = 24;

  @TempDir Path dir;
  private FeedTestServer api;
  private WorkerServer first;
  private WorkerServer second;
  private ArrowtapEngine engine;

  @BeforeEach
  void start() throws Exception {
    api = FeedTestServer.start();
    api.route("/items", r -> Reply.json("{\"data\":[{\"id\":" + r.param("part") + "}]}"));
    first = WorkerServer.start("127.0.0.1", 0, SECRET);
    second = WorkerServer.start("127.0.0.1", 0, SECRET);
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    assertEquals(0, first.runningTasks() + second.runningTasks());
    first.close();
    second.close();
    api.close();
  }

  private void catalog(String rateLimit) throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: t\n    tables:\n      - name: items\n        url: "
            + api.url("/items")
            + "\n        parameters: [{name: part, type: BIGINT}]\n"
            + "        records: {pointer: /data}\n        columns: [{name: id, type: BIGINT}]\n"
            + "        rate_limit: "
            + rateLimit
            + "\n");
    ExecutionConfig onWorkers =
        ExecutionConfig.local()
            .withWorkers(List.of(first.address(), second.address()), Optional.of(SECRET));
    engine =
        new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog).withExecution(onWorkers));
  }

  private static String everyPart() {
    return IntStream.range(0, VALUES).mapToObj(Integer::toString).collect(Collectors.joining(","));
  }

  private String explain(Connection c, String sql) throws Exception {
    return FeedFixture.rows(c, "EXPLAIN PLAN FOR " + sql).get(0).get(0).toString();
  }

  private long sumOfIds(Connection c, String sql) throws Exception {
    return ((Number) FeedFixture.rows(c, sql).get(0).get(0)).longValue();
  }

  @Test
  void tasksOnTwoWorkersStayWithinOneRateLimit() throws Exception {
    catalog("{requests_per_second: 10, burst: 2}");
    // 24 values: a lookup, its requests shared out between two tasks, one on each worker.
    String sql = "SELECT sum(id) FROM t.items WHERE part IN (" + everyPart() + ")";
    try (Connection c = engine.connect(Map.of())) {
      assertEquals((long) VALUES * (VALUES - 1) / 2, sumOfIds(c, sql));
      List<List<Object>> places =
          FeedFixture.rows(
              c, "SELECT DISTINCT worker FROM sys.task_metrics WHERE scan LIKE '%items%'");
      assertEquals(2, places.size(), "tasks ran at " + places);
    }
    List<Long> arrivals =
        api.requests("/items").stream()
            .map(FeedTestServer.Request::arrivedNanos)
            .sorted(Comparator.naturalOrder())
            .toList();
    assertEquals(VALUES, arrivals.size());
    // A token bucket of 10 a second and a burst of 2 lets at most 2 + 10 t requests through in
    // any t seconds. Arrivals jitter on a loaded machine, so each window is taken 250 ms longer;
    // each worker spending the whole budget would send the 24 requests within about a second,
    // which breaks the bound by ten requests.
    for (int i = 0; i < arrivals.size(); i++) {
      for (int j = i; j < arrivals.size(); j++) {
        double seconds = (arrivals.get(j) - arrivals.get(i)) / 1e9;
        int seen = j - i + 1;
        double allowed = 2 + 10 * (seconds + 0.25);
        assertTrue(
            seen <= allowed,
            seen + " requests within " + Math.round(seconds * 1000) + " ms: more than the budget");
      }
    }
  }

  @Test
  void aBudgetTooSmallToShareRunsOnTheCoordinator() throws Exception {
    api.delay(40);
    catalog("{max_in_flight: 1}");
    // Eight values: one task each (a longer IN list reads as a lookup, as the test above does).
    String sql = "SELECT sum(id) FROM t.items WHERE part IN (0, 1, 2, 3, 4, 5, 6, 7)";
    try (Connection c = engine.connect(Map.of())) {
      assertEquals(28, sumOfIds(c, sql));
      assertEquals(8, api.requests("/items").size());
      assertEquals(1, api.maxInFlight(), "requests at once");
      String plan = explain(c, sql);
      assertFalse(plan.contains("@"), "one request at a time cannot be split in two: " + plan);
    }
  }
}
