package dev.arrowtap.aggregate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, reviewed adversarially: a kept plan never answers with another execution's values.
 * Prepared statements whose parameters become a feed's tasks at plan time, sys tables read again,
 * and two threads of one session each get their own rows, equal to a session without plan reuse.
 */
class PlanCacheAdversarialTest {
  @TempDir static Path dir;
  private static RowsFeed feed;
  private static ArrowtapEngine engine;
  private static Connection cached;
  private static Connection plain;

  @BeforeAll
  static void start() throws Exception {
    feed = RowsFeed.start();
    engine =
        new ArrowtapEngine(
            EngineConfig.defaults().withLocalSlots(2).withCatalog(feed.catalog(dir)));
    cached = engine.connect(Map.of());
    plain = engine.connect(Map.of("plan_cache", "false"));
  }

  @AfterAll
  static void stop() throws SQLException {
    cached.close();
    plain.close();
    engine.close();
    feed.close();
  }

  @Test
  void aFeedParameterComparedWithAStatementParameterIsRefusedNotReadAsTheDefault() {
    // Planned before the value is known, the scan would read part 0 (the default) and the filter
    // above would keep none of its rows: 0 rows for part 1 instead of 700.
    for (String sql :
        List.of(
            "SELECT count(*), min(id), max(id) FROM t.recs WHERE part = ?",
            "SELECT count(*) FROM t.recs WHERE part IN (?, 2)",
            "SELECT count(*) FROM t.recs WHERE part = ? OR part = ?")) {
      for (Connection connection : List.of(cached, plain)) {
        SQLException refused =
            assertThrows(
                SQLException.class,
                () -> {
                  try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                    for (int i = 1; i <= prepared.getParameterMetaData().getParameterCount(); i++) {
                      prepared.setInt(i, 1);
                    }
                    rows(prepared);
                  }
                },
                sql);
        // The embedded connection wraps the engine's error; the remote driver shows it as is.
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
          messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(
            messages
                .toString()
                .contains("feed parameter part of t.recs is compared with a statement"),
            messages.toString());
      }
    }
  }

  @Test
  void aLookupOfAnArrayParameterReadsEachExecutionsIds() throws SQLException {
    String sql =
        "SELECT count(*), min(id), max(id), count(DISTINCT cat) FROM t.recs"
            + " WHERE part IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";
    for (int round = 0; round < 2; round++) {
      try (PreparedStatement prepared = cached.prepareStatement(sql)) {
        for (Long[] parts : new Long[][] {{1L}, {0L, 2L}, {2L}, {}}) {
          prepared.setArray(1, cached.createArrayOf("BIGINT", parts));
          List<String> got = rows(prepared);
          try (PreparedStatement oracle = plain.prepareStatement(sql)) {
            oracle.setArray(1, plain.createArrayOf("BIGINT", parts));
            assertEquals(rows(oracle), got, java.util.Arrays.toString(parts));
          }
          long min = parts.length == 0 ? -1 : java.util.Collections.min(List.of(parts)) * 1000;
          assertTrue(
              got.get(0).startsWith(parts.length * 700 + " | " + (min < 0 ? "null" : min)),
              java.util.Arrays.toString(parts) + " " + got);
        }
      }
    }
  }

  @Test
  void literalFeedParametersInOneTextAreEachTheirOwnPlan() throws SQLException {
    for (int part : new int[] {1, 0, 2, 1}) {
      String sql = "SELECT count(*), min(id), max(id) FROM t.recs WHERE part = " + part;
      try (PreparedStatement prepared = cached.prepareStatement(sql)) {
        assertEquals(List.of("700 | " + part * 1000 + " | " + (part * 1000 + 699)), rows(prepared));
      }
    }
  }

  @Test
  void aPreparedRangeFollowsEachExecution() throws SQLException {
    String sql =
        "SELECT count(*), sum(number), min(number) FROM numbers(0, 1000)"
            + " WHERE number >= ? AND number < ?";
    try (PreparedStatement prepared = cached.prepareStatement(sql)) {
      for (int[] range : new int[][] {{0, 10}, {500, 2000}, {7, 7}, {-5, 3}}) {
        prepared.setInt(1, range[0]);
        prepared.setInt(2, range[1]);
        assertEquals(expected(sql, range[0], range[1]), rows(prepared), range[0] + ".." + range[1]);
      }
    }
  }

  @Test
  void aSysTableReadAgainShowsTheQueriesSince() throws SQLException {
    String sql = "SELECT count(*) FROM sys.queries";
    try (Statement statement = cached.createStatement()) {
      long first = single(statement, sql);
      single(statement, "SELECT count(*) FROM numbers(0, 3)");
      long second = single(statement, sql);
      assertTrue(second > first, first + " then " + second);
    }
  }

  @Test
  void theClockIsReadAtEachExecutionNotWhenPlanned() throws Exception {
    String sql = "SELECT CURRENT_TIMESTAMP, count(*) FROM numbers(0, 3)";
    try (Statement statement = cached.createStatement()) {
      for (int i = 0; i < 2; i++) {
        long before = System.currentTimeMillis() / 1000 * 1000;
        long now;
        try (ResultSet rs = statement.executeQuery(sql)) {
          rs.next();
          now = rs.getTimestamp(1).getTime();
          assertTrue(now >= before, "CURRENT_TIMESTAMP " + now + " before " + before);
        }
        if (i == 0) {
          // The clock has whole seconds and no seam (Calcite reads the system clock per statement):
          // the second run must start in a later second than the first one saw.
          long seen = now;
          await("the wall clock passes the second the first run saw")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> System.currentTimeMillis() / 1000 * 1000 > seen);
        }
      }
    }
  }

  @Test
  void twoThreadsOfOneSessionGetTheirOwnParameters() throws Exception {
    String sql = "SELECT count(*), min(number), max(number) FROM numbers(0, 5000) WHERE number < ?";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        int limit = (thread + 1) * 1000;
        runs.add(
            pool.submit(
                () -> {
                  List<String> seen = new ArrayList<>();
                  for (int i = 0; i < 6; i++) {
                    try (PreparedStatement prepared = cached.prepareStatement(sql)) {
                      prepared.setInt(1, limit);
                      seen.addAll(rows(prepared));
                    }
                  }
                  return seen;
                }));
      }
      for (int thread = 0; thread < 2; thread++) {
        int limit = (thread + 1) * 1000;
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          want.add(limit + " | 0 | " + (limit - 1));
        }
        assertEquals(want, runs.get(thread).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  private static List<String> expected(String sql, int... parameters) throws SQLException {
    try (PreparedStatement prepared = plain.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        prepared.setInt(i + 1, parameters[i]);
      }
      return rows(prepared);
    }
  }

  private static List<String> rows(PreparedStatement prepared) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = prepared.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    out.sort(null);
    return out;
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
