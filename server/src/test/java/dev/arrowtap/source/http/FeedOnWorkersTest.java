package dev.arrowtap.source.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.TaskCodec;
import dev.arrowtap.exec.TaskTicket;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed's task travels to a worker whole (definition, columns, credentials) and runs there. */
class FeedOnWorkersTest {
  private static final WorkerSecret SECRET = WorkerSecret.of("feed-worker-secret-0123");

  @TempDir Path dir;

  @Test
  void feedScanRunsOnAWorkerWithTheSameResult() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        WorkerServer worker = WorkerServer.start("127.0.0.1", 0, SECRET)) {
      api.route(
          "/users",
          r -> {
            int page = Integer.parseInt(r.param("page"));
            if (!"Bearer t0ken-xyz".equals(r.header("Authorization"))) {
              return Reply.status(401, "no");
            }
            return Reply.json(
                "["
                    + String.join(
                        ",", FeedTestServer.records((page - 1) * 40L, Math.min(100, page * 40L)))
                    + "]");
          });
      Path catalog = dir.resolve("catalog.yaml");
      Files.writeString(
          catalog,
          "schemas:\n  - name: t\n    tables:\n      - name: users\n        url: "
              + api.url("/users")
              + "\n"
              + "        auth: {type: bearer, token: t0ken-xyz}\n"
              + "        pagination: {style: page, page_size: 40, size_param: ''}\n"
              + "        columns: [{name: id, type: BIGINT}, {name: city, type: VARCHAR, path: /address/city}, {name: joined, type: TIMESTAMP}]\n");
      String sql = "SELECT count(*), sum(id), count(DISTINCT city), max(joined) FROM t.users";
      String local = run(new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), sql);
      ExecutionConfig onWorker =
          ExecutionConfig.local().withWorkers(List.of(worker.address()), Optional.of(SECRET));
      ArrowtapEngine distributed =
          new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog).withExecution(onWorker));
      try (Connection c = distributed.connect(Map.of());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT id FROM t.users")) {
        rs.next();
        assertTrue(rs.getString(1).contains("@" + worker.address()), rs.getString(1));
      }
      assertEquals(local, run(distributed, sql));
      assertEquals("100|4950|3", local.substring(0, local.lastIndexOf('|')));
      assertEquals(0, worker.runningTasks());
    }
  }

  /** Issue 7: a refused request is sent once, not once per worker, and the task counts it. */
  @Test
  void refusedRequestFailsAtOnceOnEveryWorkerAndIsCounted() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        WorkerServer first = WorkerServer.start("127.0.0.1", 0, SECRET);
        WorkerServer second = WorkerServer.start("127.0.0.1", 0, SECRET)) {
      api.route("/users", r -> Reply.status(401, "{\"error\":\"bad token\"}"));
      Path catalog = dir.resolve("catalog.yaml");
      Files.writeString(
          catalog,
          "schemas:\n  - name: t\n    tables:\n      - name: users\n        url: "
              + api.url("/users")
              + "\n        columns: [{name: id, type: BIGINT}]\n");
      ExecutionConfig onWorkers =
          ExecutionConfig.local()
              .withWorkers(List.of(first.address(), second.address()), Optional.of(SECRET));
      try (ArrowtapEngine engine =
              new ArrowtapEngine(
                  EngineConfig.defaults().withCatalog(catalog).withExecution(onWorkers));
          Connection c = engine.connect(Map.of());
          Statement s = c.createStatement()) {
        java.sql.SQLException error =
            org.junit.jupiter.api.Assertions.assertThrows(
                java.sql.SQLException.class, () -> s.executeQuery("SELECT id FROM t.users"));
        String state =
            dev.arrowtap.server.meta.MetaErrors.userError(error)
                .map(dev.arrowtap.common.ArrowtapException::sqlState)
                .orElse(error.getSQLState());
        assertEquals("08006", state, error.getMessage());
        assertTrue(error.getMessage().contains("feed t.users, page 1"), error.getMessage());
        assertTrue(error.getMessage().contains("HTTP 401"), error.getMessage());
        assertEquals(1, api.count("/users"), "the refused request was sent again");
        try (ResultSet rs =
            s.executeQuery(
                "SELECT state, attempts, http_requests FROM sys.task_metrics"
                    + " WHERE scan LIKE '%users%'")) {
          assertTrue(rs.next());
          assertEquals("FAILED", rs.getString(1));
          assertEquals(1, rs.getInt(2));
          assertEquals(1, rs.getLong(3));
        }
      }
      assertEquals(0, first.runningTasks() + second.runningTasks());
    }
  }

  @Test
  void feedTaskSurvivesTheWireIncludingItsCredentials() throws Exception {
    Path catalog = dir.resolve("c.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: s\n    tables:\n      - name: t\n        url: http://127.0.0.1:1/x\n        method: POST\n"
            + "        body: '{\"p\": ${page}}'\n        auth: {type: api_key, name: k, value: v4lue, in: query}\n"
            + "        records: {format: ndjson}\n        pagination: {style: cursor, cursor_pointer: /next}\n");
    var feed = CatalogLoader.load(catalog).schemas().get("s").get(0);
    FeedTask task =
        new FeedTask(feed, List.of(ColumnBinding.of(new Column("a", ColumnType.BIGINT, true))));
    TaskTicket ticket = new TaskTicket(1, 1, 0, 100, "{}", task);
    TaskTicket back = TaskCodec.decode(TaskCodec.encode(ticket));
    FeedTask copy = (FeedTask) back.spec();
    assertEquals(task.columns(), copy.columns());
    assertEquals(1, copy.decodeThreads(), "a worker decodes each page as the plan said");
    assertEquals(feed.auth(), copy.feed().auth());
    assertEquals(feed.http(), copy.feed().http());
    assertEquals(feed.pagination(), copy.feed().pagination());
    assertEquals(feed.body(), copy.feed().body());
    assertEquals("k=***", copy.feed().secrets().redact("k=v4lue"));
  }

  @Test
  void aWorkerLogsEachTaskWithoutItsCredentials() throws Exception {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.arrowtap.worker");
    log.addHandler(capture);
    try (FeedTestServer api = FeedTestServer.start();
        WorkerServer worker = WorkerServer.start("127.0.0.1", 0, SECRET)) {
      api.route("/ok", r -> Reply.json("[{\"id\": 1}, {\"id\": 2}]"));
      api.route("/gone", r -> Reply.status(410, "gone"));
      Path catalog = dir.resolve("logged.yaml");
      Files.writeString(
          catalog,
          "schemas:\n  - name: t\n    tables:\n"
              + "      - {name: ok, url: '"
              + api.url("/ok")
              + "', auth: {type: api_key, name: key, value: s3cr3t-v4lue, in: query},"
              + " columns: [{name: id, type: BIGINT}]}\n"
              + "      - {name: gone, url: '"
              + api.url("/gone")
              + "', auth: {type: api_key, name: key, value: s3cr3t-v4lue, in: query},"
              + " columns: [{name: id, type: BIGINT}]}\n");
      ExecutionConfig onWorker =
          ExecutionConfig.local()
              .withTaskAttempts(1)
              .withWorkers(List.of(worker.address()), Optional.of(SECRET));
      try (ArrowtapEngine engine =
              new ArrowtapEngine(
                  EngineConfig.defaults().withCatalog(catalog).withExecution(onWorker));
          Connection c = engine.connect(Map.of());
          Statement s = c.createStatement()) {
        // Rows, not count(*): a pushed count would log one group as the task's rows.
        try (ResultSet rs = s.executeQuery("SELECT * FROM t.ok")) {
          int rows = 0;
          while (rs.next()) {
            rows++;
          }
          assertEquals(2, rows);
        }
        org.junit.jupiter.api.Assertions.assertThrows(
            java.sql.SQLException.class, () -> s.executeQuery("SELECT * FROM t.gone").next());
      }
      // A worker logs a task after its stream ends, which the client may see first.
      await("the worker logs both tasks")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> lines.stream().filter(l -> l.startsWith("event=task ")).count() >= 2);
    } finally {
      log.removeHandler(capture);
    }
    String all = String.join("\n", lines);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "event=task query=\\d+ stage=1 task=0 slice=\"\\[all pages]\" state=FINISHED"
                            + " duration_ms=\\d+ rows=2 rows_in=2 requests=1")),
        all);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains("state=FAILED")
                        && l.contains("requests=1")
                        && l.contains("key=***")
                        && l.contains("HTTP 410")),
        all);
    assertTrue(!all.contains("s3cr3t-v4lue"), all);
  }

  private static String run(ArrowtapEngine engine, String sql) throws Exception {
    try (engine;
        Connection c = engine.connect(Map.of());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getTimestamp(4);
    }
  }
}
