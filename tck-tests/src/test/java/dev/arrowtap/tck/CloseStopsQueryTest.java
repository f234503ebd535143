package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: closing a result set or a connection stops the query's tasks and HTTP requests at once,
 * not when an idle reaper notices minutes later.
 */
class CloseStopsQueryTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingTheResultSetStopsTasksAndRequests(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect("fetch_size", "100");
        Statement s = c.createStatement()) {
      String marker = "m" + UUID.randomUUID().toString().replace("-", "");
      ResultSet rs = s.executeQuery(query(feed, marker));
      assertTrue(rs.next());
      eventually(() -> feed.inFlight() == 1, "the scan is reading the feed");
      rs.close();
      eventually(() -> feed.inFlight() == 0, "the feed's request ended");
      try (Connection observer = mode.connect()) {
        eventually(() -> taskStates(observer, marker).equals(List.of("STOPPED")), "tasks stopped");
        assertEquals("FINISHED", queryState(observer, marker));
      }
      // The statement stays usable.
      try (ResultSet again = s.executeQuery("SELECT count(*) FROM numbers(0, 5)")) {
        assertTrue(again.next());
        assertEquals(5, again.getLong(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingTheConnectionStopsTasksAndRequests(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed()) {
      String marker = "m" + UUID.randomUUID().toString().replace("-", "");
      Connection c = mode.connect("fetch_size", "100");
      ResultSet rs = c.createStatement().executeQuery(query(feed, marker));
      assertTrue(rs.next());
      eventually(() -> feed.inFlight() == 1, "the scan is reading the feed");
      c.close();
      eventually(() -> feed.inFlight() == 0, "the feed's request ended");
      try (Connection observer = mode.connect()) {
        eventually(() -> taskStates(observer, marker).equals(List.of("STOPPED")), "tasks stopped");
        assertEquals("FINISHED", queryState(observer, marker));
      }
    }
  }

  private static String query(SlowFeed feed, String marker) {
    return "SELECT id, name AS " + marker + " FROM read_json('" + feed.url() + "')";
  }

  private static List<String> taskStates(Connection observer, String marker) {
    List<String> states = new ArrayList<>();
    try (Statement s = observer.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT t.state FROM sys.task_metrics t JOIN sys.queries q"
                    + " ON t.query_id = q.query_id WHERE q.sql_text LIKE '%"
                    + marker
                    + "%' AND q.sql_text NOT LIKE '%sys.%'")) {
      while (rs.next()) {
        states.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return states;
  }

  private static String queryState(Connection observer, String marker) throws SQLException {
    try (Statement s = observer.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT state FROM sys.queries WHERE sql_text LIKE '%"
                    + marker
                    + "%' AND sql_text NOT LIKE '%sys.%'")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  /** Waits at most five seconds: "at once" with room for a loaded machine. */
  private static void eventually(BooleanSupplier condition, String what) {
    await(what)
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
