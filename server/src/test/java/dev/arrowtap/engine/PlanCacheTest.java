package dev.arrowtap.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a session reuses the plan of a repeated query, never another session's, and a reused
 * plan gives the same answers as a new one.
 */
class PlanCacheTest {
  private static final String SQL = "SELECT count(*), min(number), max(number) FROM numbers(0, 10)";

  @Test
  void aRepeatedQueryIsPlannedOnceAndAnswersTheSame() throws SQLException {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(8));
        Connection connection = engine.connect(Map.of());
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 3; i++) {
        assertEquals(List.of(10L, 0L, 9L), row(statement, SQL));
      }
      assertEquals(2, hits(engine));
      assertEquals(1, misses(engine));
      // Other bounds are another text: planned anew, with their own tasks.
      assertEquals(
          List.of(20L, 5L, 24L),
          row(statement, "SELECT count(*), min(number), max(number) FROM numbers(5, 25)"));
      assertEquals(2, misses(engine));
    }
  }

  @Test
  void aPreparedStatementIsNotPlannedAgainForNewParameters() throws SQLException {
    String sql = "SELECT count(*) FROM numbers(0, 100) WHERE number < ?";
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
        Connection connection = engine.connect(Map.of())) {
      try (PreparedStatement prepared = connection.prepareStatement(sql)) {
        long planned = hits(engine) + misses(engine);
        for (int limit : new int[] {10, 50, 200, 0}) {
          prepared.setInt(1, limit);
          try (ResultSet rs = prepared.executeQuery()) {
            rs.next();
            assertEquals(Math.min(limit, 100), rs.getLong(1));
          }
        }
        assertEquals(planned, hits(engine) + misses(engine), "executions plan nothing");
      }
      // Preparing the same text again takes the kept plan; its parameter is still its own.
      try (PreparedStatement again = connection.prepareStatement(sql)) {
        assertEquals(1, hits(engine));
        again.setInt(1, 7);
        try (ResultSet rs = again.executeQuery()) {
          rs.next();
          assertEquals(7, rs.getLong(1));
        }
      }
    }
  }

  @Test
  void sessionsKeepTheirOwnPlansAndSettings() throws SQLException {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(8));
        Connection wide = engine.connect(Map.of());
        Connection narrow = engine.connect(Map.of("numbers_per_task", "3"));
        Connection uncached = engine.connect(Map.of("plan_cache", "false"))) {
      assertEquals(List.of(10L, 0L, 9L), row(wide.createStatement(), SQL));
      assertEquals(1, lastQueryTasks(engine));
      // The same text in a session with other settings is planned there, with its own tasks.
      assertEquals(List.of(10L, 0L, 9L), row(narrow.createStatement(), SQL));
      assertEquals(4, lastQueryTasks(engine));
      assertEquals(List.of(0L, 2L), List.of(hits(engine), misses(engine)));
      for (int i = 0; i < 2; i++) {
        assertEquals(List.of(10L, 0L, 9L), row(uncached.createStatement(), SQL));
      }
      assertEquals(List.of(0L, 2L), List.of(hits(engine), misses(engine)), "plan_cache=false");
    }
  }

  @Test
  void planCacheTakesOnlyTrueOrFalse() {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults())) {
      SQLException bad =
          assertThrows(SQLException.class, () -> engine.connect(Map.of("plan_cache", "yes")));
      assertEquals(dev.arrowtap.common.SqlStates.INVALID_CONNECTION_PROPERTY, bad.getSQLState());
      assertEquals(
          "connection property plan_cache must be true or false, not 'yes'", bad.getMessage());
    }
  }

  private static List<Long> row(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    }
  }

  private static int lastQueryTasks(ArrowtapEngine engine) {
    var queries = engine.services().metrics().queries();
    return queries.get(queries.size() - 1).taskCount();
  }

  private static long hits(ArrowtapEngine engine) {
    return engine.planCacheCounts()[0];
  }

  private static long misses(ArrowtapEngine engine) {
    return engine.planCacheCounts()[1];
  }
}
