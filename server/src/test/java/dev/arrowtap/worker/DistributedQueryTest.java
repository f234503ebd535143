package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.TaskMetricsSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 4: the same queries on the local engine and on one, two and three real workers. */
class DistributedQueryTest {
  private static final List<String> QUERIES =
      List.of(
          "SELECT count(*), sum(number), min(number), max(number) FROM numbers(0, 200000)",
          "SELECT count(DISTINCT number) FROM numbers(-50, 50000)",
          "SELECT number FROM numbers(0, 37) ORDER BY number DESC",
          "SELECT MOD(number, 7) AS r, count(*) FROM numbers(0, 10001) GROUP BY MOD(number, 7) ORDER BY r",
          "SELECT count(*) FROM numbers(5, 5)");

  private static Cluster cluster;

  @BeforeAll
  static void startWorkers() {
    cluster = Cluster.start(3);
  }

  @AfterAll
  static void stopWorkers() {
    cluster.close();
    for (WorkerServer worker : cluster.workers) {
      assertEquals(0, worker.allocator().getAllocatedMemory(), "worker memory left allocated");
    }
  }

  @Test
  void sameResultsLocallyAndOnOneTwoAndThreeWorkers() throws Exception {
    List<List<String>> expected = runAll(0);
    for (int workers = 1; workers <= 3; workers++) {
      assertEquals(expected, runAll(workers), "results on " + workers + " workers");
    }
  }

  @Test
  void explainShowsWhereEachTaskRuns() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(2);
        Connection connection = engine.connect(Map.of())) {
      String first = cluster.workers.get(0).address().toString();
      String second = cluster.workers.get(1).address().toString();
      assertEquals(
          "tasks=[t0:[0-6)@" + first + ", t1:[6-11)@" + second + "]",
          tasks(connection, "numbers(0, 11)"));
      assertEquals("tasks=[t0:[0-10)@" + first + "]", tasks(connection, "numbers(0, 10)"));
      // Task count is capped by the number of workers, not by local slots.
      assertTrue(tasks(connection, "numbers(0, 100)").contains("t1:[50-100)@" + second));
    }
  }

  @Test
  void taskProbeShowsRoutingRoundRobin() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(3);
        Connection connection = engine.connect(Map.of());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT task, worker FROM sys.task_probe(6) ORDER BY task")) {
      for (int task = 0; task < 6; task++) {
        assertTrue(rs.next());
        assertEquals(task, rs.getLong(1));
        assertEquals(cluster.workers.get(task % 3).address().toString(), rs.getString(2));
      }
    }
  }

  @Test
  void aPushedAggregateRunsOnTheWorkersAndOnlyItsGroupsTravel() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(3)) {
      try (Connection connection = engine.connect(Map.of("batch_size", "1000"));
          Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT count(*), sum(number), min(number), max(number) FROM numbers(0, 100000)")) {
        assertTrue(rs.next());
        assertEquals(100_000, rs.getLong(1));
        assertEquals(100_000L * 99_999L / 2, rs.getLong(2));
        assertEquals(0, rs.getLong(3));
        assertEquals(99_999, rs.getLong(4));
      }
      List<TaskMetricsSnapshot> tasks = last(engine).taskSnapshots();
      assertEquals(3, tasks.size());
      // Each worker read its third of the rows and sent back one partial group.
      assertEquals(100_000, tasks.stream().mapToLong(TaskMetricsSnapshot::rowsIn).sum());
      for (TaskMetricsSnapshot task : tasks) {
        assertEquals(cluster.workers.get(task.task()).address().toString(), task.worker());
        assertEquals(1, task.rows(), task.toString());
        assertEquals(1, task.batches(), task.toString());
        assertTrue(task.arrowBytes() < 1024, "a partial group is a few bytes: " + task);
      }
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
  }

  @Test
  void taskRowsAddUpToTheScanAndNameTheirWorkers() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(3)) {
      // Aggregates stay above the scan, so that every row crosses from the workers.
      try (Connection connection =
              engine.connect(Map.of("batch_size", "1000", "push_aggregates", "false"));
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 100000)")) {
        assertTrue(rs.next());
        assertEquals(100_000, rs.getLong(1));
      }
      QueryMetrics query = last(engine);
      List<TaskMetricsSnapshot> tasks = query.taskSnapshots();
      assertEquals(3, tasks.size());
      assertEquals(100_000, tasks.stream().mapToLong(TaskMetricsSnapshot::rows).sum());
      for (TaskMetricsSnapshot task : tasks) {
        assertEquals("FINISHED", task.state());
        assertEquals(cluster.workers.get(task.task()).address().toString(), task.worker());
        assertEquals(1, task.attempts());
        assertTrue(task.batches() >= 33, "batches of 1000 rows: " + task.batches());
        assertTrue(task.peakMemory() > 0, "the worker reports its peak memory");
      }
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
  }

  @Test
  void limitOneReturnsAtOnceAndLeavesNoTaskRunning() throws Exception {
    try (ArrowtapEngine engine = cluster.engine(2)) {
      long started = System.nanoTime();
      try (Connection connection = engine.connect(Map.of());
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM numbers(0, 1000000000) LIMIT 1")) {
        assertTrue(rs.next());
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis < 5_000, "LIMIT 1 took " + millis + " ms");
      Cluster.eventually(
          () -> cluster.workers.stream().allMatch(w -> w.runningTasks() == 0),
          "no task runs on any worker");
      List<TaskMetricsSnapshot> tasks = last(engine).taskSnapshots();
      assertEquals(2, tasks.size());
      assertTrue(tasks.stream().allMatch(t -> t.state().equals("STOPPED")), tasks.toString());
      assertTrue(tasks.stream().mapToLong(TaskMetricsSnapshot::rows).sum() >= 1);
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
  }

  private static QueryMetrics last(ArrowtapEngine engine) {
    List<QueryMetrics> queries = engine.services().metrics().queries();
    return queries.get(queries.size() - 1);
  }

  private static List<List<String>> runAll(int workers) throws SQLException {
    List<List<String>> results = new ArrayList<>();
    try (ArrowtapEngine engine = cluster.engine(workers)) {
      try (Connection connection = engine.connect(Map.of("numbers_per_task", "1000"));
          Statement statement = connection.createStatement()) {
        for (String sql : QUERIES) {
          results.add(rows(statement, sql));
        }
      }
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
    return results;
  }

  private static List<String> rows(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static String tasks(Connection connection, String call) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("EXPLAIN PLAN FOR SELECT * FROM " + call)) {
      rs.next();
      String plan = rs.getString(1);
      int start = plan.indexOf("tasks=[");
      return plan.substring(start, plan.indexOf("]", plan.indexOf(")", start) + 1) + 1);
    }
  }
}
