package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page that fails on a worker has the tries the catalog allows, in all, not once per worker;
 * every attempt counts in the task's metrics.
 */
class FeedRetriesOnWorkersTest {
  private static final WorkerSecret SECRET = WorkerSecret.of("retry-worker-secret-0123");

  @TempDir Path dir;

  @Test
  void aPageIsTriedAsOftenAsDocumentedAndEveryTryCounts() throws Exception {
    try (FeedTestServer api = FeedTestServer.start();
        WorkerServer first = WorkerServer.start("127.0.0.1", 0, SECRET);
        WorkerServer second = WorkerServer.start("127.0.0.1", 0, SECRET);
        WorkerServer third = WorkerServer.start("127.0.0.1", 0, SECRET)) {
      api.route("/busy", r -> Reply.status(503, "{\"error\":\"busy\"}"));
      api.route("/broken", r -> Reply.status(500, "{\"error\":\"broken\"}"));
      Path catalog = dir.resolve("catalog.yaml");
      Files.writeString(
          catalog,
          "schemas:\n  - name: t\n    tables:\n"
              + table("busy", api.url("/busy"))
              + table("broken", api.url("/broken")));
      ExecutionConfig onWorkers =
          ExecutionConfig.local()
              .withWorkers(
                  List.of(first.address(), second.address(), third.address()), Optional.of(SECRET));
      try (ArrowtapEngine engine =
              new ArrowtapEngine(
                  EngineConfig.defaults().withCatalog(catalog).withExecution(onWorkers));
          Connection c = engine.connect(Map.of());
          Statement s = c.createStatement()) {
        SQLException busy =
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT id FROM t.busy"));
        assertTrue(busy.getMessage().contains("HTTP 503"), busy.getMessage());
        assertEquals(4, api.count("/busy"), "retry.attempts is 4 in all, not per worker");
        assertMetrics(s, "busy", 4);
        SQLException broken =
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT id FROM t.broken"));
        assertTrue(broken.getMessage().contains("HTTP 500"), broken.getMessage());
        assertEquals(1, api.count("/broken"), "a 500 is not retried, on any worker");
        assertMetrics(s, "broken", 1);
      }
      assertEquals(0, first.runningTasks() + second.runningTasks() + third.runningTasks());
    }
  }

  private static String table(String name, String url) {
    return "      - name: "
        + name
        + "\n        url: "
        + url
        + "\n        retry: {attempts: 4, initial_delay_ms: 1, max_delay_ms: 5}\n"
        + "        columns: [{name: id, type: BIGINT}]\n";
  }

  private static void assertMetrics(Statement s, String table, long requests) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT state, attempts, http_requests FROM sys.task_metrics WHERE scan LIKE '%"
                + table
                + "%'")) {
      assertTrue(rs.next());
      assertEquals("FAILED", rs.getString(1));
      assertEquals(1, rs.getInt(2), "no other worker sends the page again");
      assertEquals(requests, rs.getLong(3), "every try counts");
    }
  }
}
