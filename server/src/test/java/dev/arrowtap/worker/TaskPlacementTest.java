package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a one-task scan goes to the least-loaded worker (not always the first), and scans
 * running at once share the workers evenly; checked through sys.task_metrics' worker column.
 */
class TaskPlacementTest {
  /** One task: numbers_per_task covers the whole range. */
  private static final Map<String, String> ONE_TASK = Map.of("numbers_per_task", "1000000000000");

  private static Cluster cluster;

  @BeforeAll
  static void startWorkers() {
    cluster = Cluster.start(2);
  }

  @AfterAll
  static void stopWorkers() {
    cluster.close();
  }

  @Test
  void oneTaskScansInARowLandOnBothWorkers() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(2);
        Connection connection = engine.connect(ONE_TASK);
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 4; i++) {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 10)")) {
          assertTrue(rs.next());
          assertEquals(10, rs.getLong(1));
        }
      }
      assertEquals(
          Map.of(address(0), 2L, address(1), 2L), tasksPerWorker(statement, "numbers(0, 10)"));
    }
  }

  @Test
  void scansRunningAtOnceShareTheWorkersAndShortOnesAvoidTheBusyOne() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(2);
        Connection connection = engine.connect(ONE_TASK);
        Statement statement = connection.createStatement()) {
      List<Statement> open = new ArrayList<>();
      try {
        // A long scan holds a task open on one worker while its client reads slowly.
        open.add(startLongScan(connection));
        String busy = onlyWorker(statement, "numbers(0, 1000000000)");
        // Short scans meanwhile all go to the idle worker.
        for (int i = 0; i < 3; i++) {
          try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(5, 15)")) {
            assertTrue(rs.next());
            assertEquals(10, rs.getLong(1));
          }
        }
        String idle = busy.equals(address(0)) ? address(1) : address(0);
        assertEquals(Map.of(idle, 3L), tasksPerWorker(statement, "numbers(5, 15)"));
        // Three more long scans at once: two on each worker in all.
        for (int i = 0; i < 3; i++) {
          open.add(startLongScan(connection));
        }
        assertEquals(
            Map.of(address(0), 2L, address(1), 2L),
            tasksPerWorker(statement, "numbers(0, 1000000000)"));
      } finally {
        for (Statement scan : open) {
          scan.close();
        }
      }
    }
  }

  /** Starts a one-task scan and reads its first row, leaving its task running on a worker. */
  private static Statement startLongScan(Connection connection) throws SQLException {
    Statement scan = connection.createStatement();
    ResultSet rs = scan.executeQuery("SELECT number FROM numbers(0, 1000000000)");
    assertTrue(rs.next());
    return scan;
  }

  private static String onlyWorker(Statement statement, String scan) throws SQLException {
    Map<String, Long> workers = tasksPerWorker(statement, scan);
    assertEquals(1, workers.size(), workers.toString());
    return workers.keySet().iterator().next();
  }

  private static Map<String, Long> tasksPerWorker(Statement statement, String scan)
      throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT worker, count(*) FROM sys.task_metrics WHERE scan = '"
                + scan
                + "' GROUP BY worker")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static String address(int worker) {
    return cluster.workers.get(worker).address().toString();
  }
}
