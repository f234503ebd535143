package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.jdbc.ArrowtapStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 4: EXPLAIN ANALYZE, the sys tables, getTaskMetrics, cancel and timeout, in both modes. */
class MetricsTest {
  private static final String ENDLESS = "SELECT count(*) FROM numbers(0, 100000000000)";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void explainAnalyzeShowsThePlanStagesAndTasks(Mode mode) throws SQLException {
    List<String> lines = new ArrayList<>();
    // The scan's rows, not the partial groups of a pushed count, are what this test adds up.
    try (Connection connection = mode.connect("push_aggregates", "false");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("EXPLAIN ANALYZE SELECT count(*) FROM numbers(0, 100000)")) {
      assertEquals("PLAN", rs.getMetaData().getColumnLabel(1));
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    String text = String.join("\n", lines);
    assertTrue(
        lines.get(0).matches("EXPLAIN ANALYZE query \\d+: FINISHED, 1 rows in \\d+ ms"), text);
    assertTrue(text.contains("ArrowtapTableScan"), text);
    assertTrue(
        text.contains("Final stage: coordinator - ")
            && text.contains(" ms, 100,000 rows in, 1 rows out\n└─ Stage 1: numbers(0, 100000) ("),
        text);
    assertTrue(text.contains(" ms total, 100,000 rows in, 100,000 rows out\n"), text);
    assertTrue(text.contains("   ├─ Task 0: local [0-"), text);
    assertEquals(100_000, sum(lines, "rows_in: "), text);
    assertEquals(100_000, sum(lines, "rows_out: "), text);
  }

  /** Adds up the figures after {@code label} on every line that has one. */
  static long sum(List<String> lines, String label) {
    long total = 0;
    for (String line : lines) {
      int at = line.indexOf(label);
      if (at >= 0) {
        total += Long.parseLong(line.substring(at + label.length()).replace(",", ""));
      }
    }
    return total;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getTaskMetricsReturnsTheLastQuerysTasks(Mode mode) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("numbers_per_task", "400");
    properties.setProperty("push_aggregates", "false"); // the tasks' rows, not partial groups
    try (Connection connection = mode.connect(properties);
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 1000)")) {
        assertTrue(rs.next());
        assertEquals(1000, rs.getLong(1));
      }
      long rows = 0;
      int tasks = 0;
      try (ResultSet metrics = statement.unwrap(ArrowtapStatement.class).getTaskMetrics()) {
        while (metrics.next()) {
          tasks++;
          rows += metrics.getLong("row_count");
          assertEquals(1, metrics.getInt("stage"));
          assertEquals("numbers(0, 1000)", metrics.getString("scan"));
          assertEquals("local", metrics.getString("worker"));
          assertEquals("FINISHED", metrics.getString("state"));
          assertTrue(metrics.getLong("batches") >= 1);
        }
      }
      assertTrue(tasks >= 1 && tasks <= 3, "tasks: " + tasks);
      assertEquals(1000, rows);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sysTablesAreListedAndMaskSecrets(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(null, "sys", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(tables.containsAll(List.of("queries", "task_metrics")), tables.toString());
      // Under 20 characters: a longer mix of letters and digits looks like an API key and is
      // masked.
      String marker = "marker" + System.nanoTime() % 1_000_000_000L;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT '"
                  + marker
                  + "' AS m, 'sk_live_51HxYzABCdef1234567890' AS k, 'hunter2' AS password")) {
        assertTrue(rs.next());
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT sql_text, state, row_count FROM sys.queries WHERE sql_text LIKE '%"
                  + marker
                  + "'' AS m%'")) {
        assertTrue(rs.next());
        String sql = rs.getString(1);
        assertFalse(sql.contains("sk_live_51HxYzABCdef1234567890"), sql);
        assertFalse(sql.contains("hunter2"), sql);
        assertTrue(sql.contains("'***'"), sql);
        assertEquals("FINISHED", rs.getString(2));
        assertEquals(1, rs.getLong(3));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelStopsEveryTask(Mode mode) throws Exception {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      CompletableFuture<SQLException> running =
          CompletableFuture.supplyAsync(
              () -> assertThrows(SQLException.class, () -> statement.executeQuery(ENDLESS)));
      int id = statement.unwrap(ArrowtapStatement.class).getId();
      awaitRunning(connection, id);
      statement.cancel();
      SQLException error = running.get(30, TimeUnit.SECONDS);
      assertEquals("57014", error.getSQLState(), error.getMessage());
      assertTasksStopped(connection, id);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void queryTimeoutStopsEveryTask(Mode mode) throws Exception {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long started = System.nanoTime();
      SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery(ENDLESS));
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals("57014", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().contains("timed out"), error.getMessage());
      assertTrue(millis < 20_000, "took " + millis + " ms");
      assertTasksStopped(connection, statement.unwrap(ArrowtapStatement.class).getId());
      statement.setQueryTimeout(0);
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 10)")) {
        assertTrue(rs.next(), "the statement runs again after a timeout");
        assertEquals(10, rs.getLong(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void preparedStatementTimesOutAndStopsItsTasksToo(Mode mode) throws Exception {
    try (Connection connection = mode.connect();
        PreparedStatement statement = connection.prepareStatement(ENDLESS + " WHERE number >= ?")) {
      statement.setLong(1, 0);
      statement.setQueryTimeout(1);
      SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery().next());
      assertEquals("57014", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().contains("timed out"), error.getMessage());
      assertTasksStopped(connection, ((AvaticaStatement) statement).getId());
    }
  }

  private static void awaitRunning(Connection connection, int statementId) throws Exception {
    try (Statement probe = connection.createStatement()) {
      await("the query starts running")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                try (ResultSet rs =
                    probe.executeQuery(
                        "SELECT count(*) FROM sys.task_metrics t JOIN sys.queries q"
                            + " ON t.query_id = q.query_id WHERE q.statement_id = "
                            + statementId
                            + " AND q.state = 'RUNNING' AND t.state = 'RUNNING'")) {
                  rs.next();
                  return rs.getLong(1) > 0;
                }
              });
    }
  }

  private static void assertTasksStopped(Connection connection, int statementId)
      throws SQLException {
    try (Statement probe = connection.createStatement();
        ResultSet rs =
            probe.executeQuery(
                "SELECT q.state, t.state FROM sys.task_metrics t JOIN sys.queries q"
                    + " ON t.query_id = q.query_id WHERE q.statement_id = "
                    + statementId
                    + " AND q.connection_id IS NOT NULL AND q.sql_text LIKE '%100000000000%'")) {
      int tasks = 0;
      while (rs.next()) {
        tasks++;
        assertEquals("CANCELLED", rs.getString(1));
        assertEquals("CANCELLED", rs.getString(2));
      }
      assertTrue(tasks > 0);
    }
  }
}
