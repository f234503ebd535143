package dev.arrowtap.source.http;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cursor feed that can only be walked becomes one task per window of a filtered column when the
 * catalog declares {@code split: {column, step}}: windows run on both workers, rows exact at the
 * edges (half-open windows), and EXPLAIN shows them or says why a feed stays one walk.
 */
class FeedWindowsOnWorkersTest {
  private static final WorkerSecret SECRET = WorkerSecret.of("windows-worker-secret-0123");
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** One event every 3 hours for 10 days: 8 a day, one at each midnight (a window's edge). */
  private static final int EVENTS = 80;

  private static final int PAGE = 3;

  @TempDir Path dir;
  private FeedTestServer api;
  private WorkerServer first;
  private WorkerServer second;
  private ArrowtapEngine engine;

  @BeforeEach
  void start() throws Exception {
    api = FeedTestServer.start();
    api.route(
        "/events",
        r -> {
          Instant since = r.param("since") == null ? Instant.MIN : Instant.parse(r.param("since"));
          Instant until = r.param("until") == null ? Instant.MAX : Instant.parse(r.param("until"));
          List<String> matching = new ArrayList<>();
          for (int id = 0; id < EVENTS; id++) {
            Instant at = at(id);
            if (!at.isBefore(since) && at.isBefore(until)) {
              matching.add("{\"id\":" + id + ",\"created_at\":\"" + at + "\"}");
            }
          }
          int from = r.param("cursor") == null ? 0 : Integer.parseInt(r.param("cursor"));
          int to = Math.min(matching.size(), from + PAGE);
          String next = to < matching.size() ? ",\"next_cursor\":\"" + to + "\"" : "";
          return Reply.json(
              "{\"data\":[" + String.join(",", matching.subList(from, to)) + "]" + next + "}");
        });
    first = WorkerServer.start("127.0.0.1", 0, SECRET);
    second = WorkerServer.start("127.0.0.1", 0, SECRET);
  }

  private static Instant at(int id) {
    return START.plusSeconds(3L * 3600 * id);
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    first.close();
    second.close();
    api.close();
  }

  private Connection connect(String split, String filters) throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: t\n    tables:\n      - name: events\n        url: "
            + api.url("/events")
            + "\n        records: {pointer: /data}\n"
            + "        pagination: {style: cursor, cursor_param: cursor,"
            + " cursor_pointer: /next_cursor}\n"
            + "        columns: [{name: id, type: BIGINT}, {name: created_at, type: TIMESTAMP}]\n"
            + "        filters:\n"
            + filters
            + split);
    ExecutionConfig onWorkers =
        ExecutionConfig.local()
            .withWorkers(List.of(first.address(), second.address()), Optional.of(SECRET));
    engine =
        new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog).withExecution(onWorkers));
    return engine.connect(Map.of());
  }

  private static final String EXACT =
      "          - {column: created_at, op: '>=', param: since, format: iso_datetime, exact: true}\n"
          + "          - {column: created_at, op: '<', param: until, format: iso_datetime,"
          + " exact: true}\n";

  private static final String BY_DAY = "        split: {column: created_at, step: 1d}\n";

  private static String explain(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void eachDayIsATaskAndEdgesAreReadOnce() throws Exception {
    String where =
        " WHERE created_at >= TIMESTAMP '2024-01-02 00:00:00'"
            + " AND created_at < TIMESTAMP '2024-01-09 00:00:00'";
    try (Connection c = connect(BY_DAY, EXACT);
        Statement s = c.createStatement()) {
      String plan = explain(s, "SELECT id FROM t.events" + where);
      assertTrue(
          plan.contains("t0:[since=2024-01-02T00:00:00Z, until=2024-01-03T00:00:00Z]"), plan);
      assertTrue(
          plan.contains("t6:[since=2024-01-08T00:00:00Z, until=2024-01-09T00:00:00Z]"), plan);
      assertTrue(!plan.contains("t7:"), plan);
      assertTrue(
          plan.contains("@" + first.address()) && plan.contains("@" + second.address()), plan);
      assertEquals(0, api.count("/events"), "EXPLAIN sends no request for windows");
      Set<Long> ids = new HashSet<>();
      long rows = 0;
      try (ResultSet rs = s.executeQuery("SELECT id FROM t.events" + where)) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          rows++;
        }
      }
      // Days 2 to 8: 7 days of 8 events, the midnight of each day in it once, the 9th's not.
      assertEquals(56, rows);
      assertEquals(56, ids.size());
      assertTrue(ids.contains(8L) && ids.contains(63L) && !ids.contains(64L), ids.toString());
      // 7 windows of 8 events in pages of 3: 3 requests each, each sent once.
      List<String> sent = new ArrayList<>();
      api.requests("/events").forEach(r -> sent.add(r.param("since") + " " + r.param("cursor")));
      assertEquals(21, sent.size(), sent.toString());
      assertEquals(21, new HashSet<>(sent).size(), sent.toString());
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(DISTINCT worker), count(*) FROM sys.task_metrics"
                  + " WHERE scan LIKE '%events%' AND state = 'FINISHED'")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getLong(1), "windows ran on both workers");
        assertEquals(7, rs.getLong(2));
      }
    }
  }

  /**
   * The table's concurrency holds per place however many windows there are: 7 windows with {@code
   * concurrency: 1} on 2 workers have at most 2 requests at the API at once, not 7.
   */
  @Test
  void concurrencyHoldsPerPlaceOverManyWindows() throws Exception {
    api.delay(30);
    try (Connection c = connect(BY_DAY + "        concurrency: 1\n", EXACT);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(DISTINCT id) FROM t.events"
                    + " WHERE created_at >= TIMESTAMP '2024-01-02 00:00:00'"
                    + " AND created_at < TIMESTAMP '2024-01-09 00:00:00'")) {
      assertTrue(rs.next());
      assertEquals(56, rs.getLong(1));
      assertEquals(56, rs.getLong(2));
    }
    assertEquals(21, api.count("/events"));
    assertTrue(api.maxInFlight() <= 2, "requests at once: " + api.maxInFlight());
  }

  @Test
  void declaredBoundsLeaveTheOuterWindowsOpen() throws Exception {
    String split =
        "        split: {column: created_at, step: 2d, from: '2024-01-03', to: '2024-01-07'}\n";
    try (Connection c = connect(split, EXACT);
        Statement s = c.createStatement()) {
      String plan = explain(s, "SELECT id FROM t.events");
      assertTrue(plan.contains("t0:[until=2024-01-05T00:00:00Z]"), plan);
      assertTrue(plan.contains("t1:[since=2024-01-05T00:00:00Z]"), plan);
      try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM t.events")) {
        assertTrue(rs.next());
        assertEquals(EVENTS, rs.getLong(1));
        assertEquals(EVENTS, rs.getLong(2));
      }
    }
  }

  @Test
  void explainSaysWhyAWalkStaysOneTask() throws Exception {
    try (Connection c = connect(BY_DAY, EXACT);
        Statement s = c.createStatement()) {
      String plan = explain(s, "SELECT id FROM t.events");
      assertTrue(plan.contains("(one task: no lower bound on created_at"), plan);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t.events")) {
        assertTrue(rs.next());
        assertEquals(EVENTS, rs.getLong(1));
      }
    }
    engine.close();
    engine = null;
    String inexact = EXACT.replace("exact: true", "exact: false");
    try (Connection c = connect(BY_DAY, inexact);
        Statement s = c.createStatement()) {
      String plan =
          explain(
              s,
              "SELECT id FROM t.events WHERE created_at >= TIMESTAMP '2024-01-02 00:00:00'"
                  + " AND created_at < TIMESTAMP '2024-01-09 00:00:00'");
      assertTrue(plan.contains("(one task: the filters on created_at are not exact"), plan);
    }
    engine.close();
    engine = null;
    try (Connection c = connect("", EXACT);
        Statement s = c.createStatement()) {
      String plan = explain(s, "SELECT id FROM t.events");
      assertTrue(plan.contains("(one task: each page links to the next"), plan);
    }
  }
}
