package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.jdbc.ArrowtapStatement;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4: the embedded driver sends tasks to workers; a remote client cannot make it do so. */
class WorkersTest {
  @Test
  void embeddedDriverRunsTasksOnTheWorkersItIsGiven(@TempDir Path dir) throws Exception {
    String secret = "tck-worker-secret-0123";
    Path secretFile = Files.writeString(dir.resolve("secret"), secret + "\n");
    try (WorkerServer first = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(secret));
        WorkerServer second = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(secret))) {
      List<String> workers = List.of(first.address().toString(), second.address().toString());
      String url =
          "jdbc:arrowtap:workers="
              + String.join(",", workers)
              + ";worker_secret_file="
              + secretFile
              // The tasks' rows, not partial groups, are what the metrics below add up.
              + ";push_aggregates=false";
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 100000)")) {
          assertTrue(rs.next());
          assertEquals(100_000, rs.getLong(1));
        }
        List<String> ranOn = new ArrayList<>();
        long rows = 0;
        try (ResultSet metrics = statement.unwrap(ArrowtapStatement.class).getTaskMetrics()) {
          while (metrics.next()) {
            ranOn.add(metrics.getString("worker"));
            rows += metrics.getLong("row_count");
          }
        }
        assertEquals(workers, ranOn);
        assertEquals(100_000, rows);
        StringBuilder analyzed = new StringBuilder();
        try (ResultSet rs =
            statement.executeQuery("EXPLAIN ANALYZE SELECT max(number) FROM numbers(0, 50000)")) {
          while (rs.next()) {
            analyzed.append(rs.getString(1)).append('\n');
          }
        }
        String text = analyzed.toString();
        assertTrue(text.contains("t1:[25000-50000)@" + workers.get(1)), text);
        assertTrue(text.contains("   └─ Task 1: " + workers.get(1) + " [25000-50000) - "), text);
        // Rows in are counted on the worker and travel back with its progress.
        assertTrue(text.contains(" ms total, 50,000 rows in, 50,000 rows out\n"), text);
        assertTrue(text.contains("      ├─ rows_in: 25,000\n      ├─ rows_out: 25,000\n"), text);
        try (ResultSet rs =
            statement.executeQuery("SELECT worker FROM sys.task_probe(4) ORDER BY task")) {
          for (int task = 0; task < 4; task++) {
            assertTrue(rs.next());
            assertEquals(workers.get(task % 2), rs.getString(1));
          }
        }
        statement.setQueryTimeout(1);
        SQLException timedOut =
            assertThrows(
                SQLException.class,
                () -> statement.executeQuery("SELECT count(*) FROM numbers(0, 100000000000)"));
        assertEquals("57014", timedOut.getSQLState(), timedOut.getMessage());
      }
      awaitIdle(first, second);
      assertEquals(0, first.allocator().getAllocatedMemory());
      assertEquals(0, second.allocator().getAllocatedMemory());
    }
  }

  /** Waits, up to thirty seconds, until no task runs on the workers. */
  private static void awaitIdle(WorkerServer... workers) {
    await("no task runs on the workers")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> Arrays.stream(workers).mapToInt(WorkerServer::runningTasks).sum() == 0);
  }

  @Test
  void aRemoteClientCannotChooseWorkers() throws SQLException {
    try (Connection connection = Mode.REMOTE.connect("workers", "127.0.0.1:9");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR SELECT * FROM numbers(0, 11)")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("tasks=[t0:[0-6), t1:[6-11)]"), plan);
      assertFalse(plan.contains("@"), plan);
    }
  }
}
