package dev.arrowtap.source.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed whose first page tells its total becomes page-range tasks spread over the workers: every
 * page read once, the first one by the coordinator and handed to its task, rows exact.
 */
class FeedSplitOnWorkersTest {
  private static final WorkerSecret SECRET = WorkerSecret.of("split-worker-secret-0123");
  private static final int TOTAL = 500;
  private static final int PAGE = 10;

  @TempDir Path dir;
  private FeedTestServer api;
  private WorkerServer first;
  private WorkerServer second;
  private ArrowtapEngine engine;

  @BeforeEach
  void start() throws Exception {
    api = FeedTestServer.start();
    api.route(
        "/items",
        r -> {
          int offset = Integer.parseInt(r.param("offset"));
          int limit = Integer.parseInt(r.param("limit"));
          return Reply.json(
              "{\"total\":"
                  + TOTAL
                  + ",\"data\":["
                  + String.join(
                      ",", FeedTestServer.records(offset, Math.min(TOTAL, offset + limit)))
                  + "]}");
        });
    first = WorkerServer.start("127.0.0.1", 0, SECRET);
    second = WorkerServer.start("127.0.0.1", 0, SECRET);
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    // A task a LIMIT or the close stopped ends on its worker when it notices: wait for that.
    await("no task runs on the workers")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () ->
                assertEquals(
                    0,
                    first.runningTasks() + second.runningTasks(),
                    "tasks still running on workers"));
    first.close();
    second.close();
    api.close();
  }

  private Connection connect(String pagination, String extra) throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: t\n    tables:\n      - name: items\n        url: "
            + api.url("/items")
            + "\n        records: {pointer: /data}\n"
            + "        pagination: "
            + pagination
            + "\n        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n"
            + extra);
    ExecutionConfig onWorkers =
        ExecutionConfig.local()
            .withWorkers(List.of(first.address(), second.address()), Optional.of(SECRET));
    engine =
        new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog).withExecution(onWorkers));
    return engine.connect(Map.of());
  }

  private static final String OFFSET =
      "{style: offset, page_size: " + PAGE + ", total_pointer: /total}";

  @Test
  void pagesSpreadOverBothWorkersEachReadOnce() throws Exception {
    try (Connection c = connect(OFFSET, "        split: {pages_per_task: 5}\n");
        Statement s = c.createStatement()) {
      String plan;
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT id FROM t.items")) {
        rs.next();
        plan = rs.getString(1);
      }
      assertTrue(plan.contains("t0:[pages 1-26)@"), plan);
      assertTrue(plan.contains("t1:[pages 26-51)@"), plan);
      assertTrue(
          plan.contains("@" + first.address()) && plan.contains("@" + second.address()), plan);
      assertEquals(1, api.count("/items"), "EXPLAIN reads the first page only");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*), count(DISTINCT id), sum(id), min(id), max(id) FROM t.items")) {
        assertTrue(rs.next());
        assertEquals(TOTAL, rs.getLong(1));
        assertEquals(TOTAL, rs.getLong(2));
        assertEquals((long) TOTAL * (TOTAL - 1) / 2, rs.getLong(3));
        assertEquals(0, rs.getLong(4));
        assertEquals(TOTAL - 1, rs.getLong(5));
      }
      // The first page EXPLAIN read was handed to the scan: 50 pages, 50 requests, none twice.
      Map<String, Integer> offsets = new HashMap<>();
      api.requests("/items").forEach(r -> offsets.merge(r.param("offset"), 1, Integer::sum));
      assertEquals(TOTAL / PAGE, offsets.size(), offsets.toString());
      assertTrue(offsets.values().stream().allMatch(n -> n == 1), offsets.toString());
      try (ResultSet rs =
          s.executeQuery(
              "SELECT task, worker, rows_in, http_requests FROM sys.task_metrics"
                  + " WHERE scan LIKE '%items%' AND state = 'FINISHED' ORDER BY task")) {
        long requests = 0;
        long rows = 0;
        List<String> places = new java.util.ArrayList<>();
        int tasks = 0;
        while (rs.next()) {
          tasks++;
          places.add(rs.getString(2));
          rows += rs.getLong(3);
          requests += rs.getLong(4);
        }
        assertEquals(2, tasks);
        assertEquals(TOTAL, rows);
        assertEquals(TOTAL / PAGE - 1, requests, "page 1 was read by EXPLAIN, before the scan");
        assertTrue(places.contains(first.address().toString()), places.toString());
        assertTrue(places.contains(second.address().toString()), places.toString());
      }
    }
  }

  @Test
  void everyRowOnceWithoutExplainAndLimitStopsEveryTask() throws Exception {
    try (Connection c = connect(OFFSET, "        split: {pages_per_task: 2}\n");
        Statement s = c.createStatement()) {
      long sum = 0;
      int rows = 0;
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM t.items")) {
        while (rs.next()) {
          sum += rs.getLong(1);
          assertEquals("user " + rs.getLong(1), rs.getString(2));
          rows++;
        }
      }
      assertEquals(TOTAL, rows);
      assertEquals((long) TOTAL * (TOTAL - 1) / 2, sum);
      assertEquals(TOTAL / PAGE, api.count("/items"));
      api.reset();
      int limited = 0;
      try (ResultSet rs = s.executeQuery("SELECT id FROM t.items LIMIT 35")) {
        while (rs.next()) {
          limited++;
        }
      }
      assertEquals(35, limited);
      // Four pages hold 35 rows: page 1 read once to cut them, then pages 2 to 4 once each.
      assertEquals(4, api.count("/items"), api.requests("/items").toString());
    }
  }

  @Test
  void aRangeTaskWhoseWorkerStopsResumesAfterItsDeliveredRows() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    api.route(
        "/held",
        r -> {
          int offset = Integer.parseInt(r.param("offset"));
          Reply reply =
              Reply.json(
                  "{\"total\":"
                      + TOTAL
                      + ",\"data\":["
                      + String.join(
                          ",", FeedTestServer.records(offset, Math.min(TOTAL, offset + PAGE)))
                      + "]}");
          return offset == 2 * PAGE ? reply.pausedUntil(release) : reply;
        });
    try (Connection c = connect(OFFSET, "        split: {pages_per_task: 1}\n");
        Statement s = c.createStatement()) {
      // The same feed at another path, whose third page waits until the test lets it go.
      Path catalog = dir.resolve("held.yaml");
      Files.writeString(
          catalog,
          Files.readString(dir.resolve("catalog.yaml"))
              .replace(api.url("/items"), api.url("/held")));
      engine.close();
      engine =
          new ArrowtapEngine(
              EngineConfig.defaults()
                  .withCatalog(catalog)
                  .withExecution(
                      ExecutionConfig.local()
                          .withWorkers(
                              List.of(first.address(), second.address()), Optional.of(SECRET))));
    }
    long rows = 0;
    long sum = 0;
    java.util.Set<Long> ids = new java.util.HashSet<>();
    WorkerServer stopped;
    try (Connection c = engine.connect(Map.of());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t.items")) {
      // t0 has delivered pages 1 and 2 and waits for page 3: stop its worker.
      dev.arrowtap.metrics.QueryMetrics query = engine.services().metrics().queries().get(0);
      await("t0 delivers its first two pages")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> query.taskSnapshots().get(0).rows() >= 2 * PAGE);
      String running = query.taskSnapshots().get(0).worker();
      stopped = running.equals(first.address().toString()) ? first : second;
      java.util.concurrent.CompletableFuture<Void> stopping =
          java.util.concurrent.CompletableFuture.runAsync(stopped::close);
      await("the worker starts stopping")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(5))
          .until(stopped::isStopping);
      release.countDown();
      while (rs.next()) {
        rows++;
        sum += rs.getLong(1);
        assertTrue(ids.add(rs.getLong(1)), "id " + rs.getLong(1) + " twice");
      }
      stopping.join();
      var task = query.taskSnapshots().get(0);
      assertEquals("FINISHED", task.state());
      assertEquals(2, task.attempts(), task.toString());
      assertTrue(task.httpRequests() >= TOTAL / PAGE / 2, "the stopped attempt's requests count");
    }
    assertEquals(TOTAL, rows);
    assertEquals((long) TOTAL * (TOTAL - 1) / 2, sum);
    // Pages 1 and 2 were delivered before the worker stopped: the rest resumed at page 3.
    assertEquals(
        1, api.requests("/held").stream().filter(r -> r.param("offset").equals("0")).count());
    assertEquals(
        1, api.requests("/held").stream().filter(r -> r.param("offset").equals("10")).count());
  }

  /**
   * The table's rate holds over both workers together: in every window of the API's arrival log, no
   * more requests than the burst plus the rate over the window's length (one more for the clock of
   * a loaded machine: arrivals are stamped when the server reads them).
   */
  @Test
  void theDeclaredRateHoldsInEveryWindowAcrossWorkers() throws Exception {
    int rate = 20;
    int burst = 4;
    try (Connection c =
            connect(
                OFFSET,
                "        split: {pages_per_task: 1}\n        rate_limit: {requests_per_second: "
                    + rate
                    + ", burst: "
                    + burst
                    + "}\n");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM t.items")) {
      assertTrue(rs.next());
      assertEquals(TOTAL, rs.getLong(1));
      assertEquals(TOTAL, rs.getLong(2));
    }
    List<Long> arrivals =
        api.requests("/items").stream().map(FeedTestServer.Request::arrivedNanos).sorted().toList();
    assertEquals(TOTAL / PAGE, arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      for (int j = i; j < arrivals.size(); j++) {
        double seconds = (arrivals.get(j) - arrivals.get(i)) / 1e9;
        int requests = j - i + 1;
        assertTrue(
            requests <= burst + rate * seconds + 1,
            requests
                + " requests in "
                + seconds
                + " s, above a burst of "
                + burst
                + " and "
                + rate
                + "/s");
      }
    }
  }

  /** A Link feed that names its last page by number is cut the same way. */
  @Test
  void aLinkFeedNamingItsLastPageIsCutIntoRanges() throws Exception {
    int last = 10;
    api.route(
        "/gh",
        r -> {
          int page = r.param("page") == null ? 1 : Integer.parseInt(r.param("page"));
          Reply reply =
              Reply.json(
                  "{\"data\":["
                      + String.join(
                          ",", FeedTestServer.records((page - 1L) * PAGE, (long) page * PAGE))
                      + "]}");
          return page >= last
              ? reply
              : reply.withHeader(
                  "Link",
                  "<"
                      + api.url("/gh")
                      + "?page="
                      + (page + 1)
                      + ">; rel=\"next\", <"
                      + api.url("/gh")
                      + "?page="
                      + last
                      + ">; rel=\"last\"");
        });
    try (Connection c = connect("{style: link_header}", "        split: {pages_per_task: 2}\n")) {
      Path catalog = dir.resolve("gh.yaml");
      Files.writeString(
          catalog,
          Files.readString(dir.resolve("catalog.yaml")).replace(api.url("/items"), api.url("/gh")));
      engine.close();
      engine =
          new ArrowtapEngine(
              EngineConfig.defaults()
                  .withCatalog(catalog)
                  .withExecution(
                      ExecutionConfig.local()
                          .withWorkers(
                              List.of(first.address(), second.address()), Optional.of(SECRET))));
    }
    try (Connection c = engine.connect(Map.of());
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT id FROM t.items")) {
        rs.next();
        assertTrue(rs.getString(1).contains("t0:[pages 1-6)@"), rs.getString(1));
        assertTrue(rs.getString(1).contains("t1:[pages 6-11)@"), rs.getString(1));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT count(*), count(DISTINCT id), max(id) FROM t.items")) {
        assertTrue(rs.next());
        assertEquals((long) last * PAGE, rs.getLong(1));
        assertEquals((long) last * PAGE, rs.getLong(2));
        assertEquals((long) last * PAGE - 1, rs.getLong(3));
      }
    }
    Map<String, Integer> pages = new HashMap<>();
    api.requests("/gh").forEach(r -> pages.merge(String.valueOf(r.param("page")), 1, Integer::sum));
    assertEquals(last, pages.size(), pages.toString());
    assertTrue(pages.values().stream().allMatch(n -> n == 1), pages.toString());
  }

  @Test
  void aFeedThatCanOnlyBeWalkedStaysOneTaskAndExplainSaysWhy() throws Exception {
    try (Connection c = connect("{style: offset, page_size: " + PAGE + "}", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT id FROM t.items")) {
      rs.next();
      String plan = rs.getString(1);
      assertTrue(plan.contains("t0:[all pages]@"), plan);
      assertTrue(plan.contains("(one task: no total_pointer"), plan);
      assertEquals(0, api.count("/items"), "nothing to read to show that");
    }
  }
}
