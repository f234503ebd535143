package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.jdbc.ArrowtapStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 8: prepared statements as pandas, JayDeBeApi, Spring and DBeaver use them. */
class PreparedStatementsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void prepareErrorsKeepTheirReason(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      SQLException missing =
          assertThrows(
              SQLException.class,
              () -> connection.prepareStatement("SELECT nosuchcol FROM numbers(0, 3)"));
      assertTrue(
          missing.getMessage().contains("Column 'nosuchcol' not found"), missing.getMessage());
      assertEquals("42704", missing.getSQLState());
      SQLException reserved =
          assertThrows(
              SQLException.class,
              () -> connection.prepareStatement("SELECT number AS rows FROM numbers(0, 3)"));
      assertTrue(reserved.getMessage().contains("reserved word"), reserved.getMessage());
      assertTrue(reserved.getMessage().contains("\"rows\""), reserved.getMessage());
      assertEquals("42000", reserved.getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void setMaxRowsIsHonoured(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT number FROM numbers(0, 100) WHERE number >= ? ORDER BY number")) {
      statement.setMaxRows(3);
      statement.setLong(1, 10);
      assertEquals(List.of(10L, 11L, 12L), longs(statement.executeQuery()));
      statement.setMaxRows(0);
      assertEquals(90, longs(statement.executeQuery()).size());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void javaTimeValuesBindAndReadBack(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMP) AS ts,"
                    + " CAST(? AS TIMESTAMP) AS odt, CAST(? AS TIMESTAMP) AS i,"
                    + " CAST(? AS TIME) AS t,"
                    + " CAST(? AS TIMESTAMP) = TIMESTAMP '2024-03-01 12:30:45' AS same")) {
      statement.setObject(1, LocalDate.of(2024, 2, 29));
      statement.setObject(2, LocalDateTime.of(2024, 3, 1, 12, 30, 45));
      // Offsets are converted to UTC wall-clock time, arrowtap's TIMESTAMP rule.
      statement.setObject(3, OffsetDateTime.of(2024, 3, 1, 14, 30, 45, 0, ZoneOffset.ofHours(2)));
      statement.setObject(4, Instant.parse("2024-03-01T12:30:45Z"));
      statement.setObject(5, LocalTime.of(23, 59, 58));
      statement.setObject(6, LocalDateTime.of(2024, 3, 1, 12, 30, 45));
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(1, LocalDate.class));
        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
        LocalDateTime expected = LocalDateTime.of(2024, 3, 1, 12, 30, 45);
        assertEquals(expected, rs.getObject(2, LocalDateTime.class));
        assertEquals(expected, rs.getObject(3, LocalDateTime.class));
        assertEquals(expected, rs.getObject(4, LocalDateTime.class));
        assertEquals(Instant.parse("2024-03-01T12:30:45Z"), rs.getObject(2, Instant.class));
        assertEquals(expected.atOffset(ZoneOffset.UTC), rs.getObject(2, OffsetDateTime.class));
        assertEquals(LocalTime.of(23, 59, 58), rs.getObject(5, LocalTime.class));
        assertTrue(rs.getBoolean(6));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void javaArraysBindAsArrayParameters(Mode mode) throws SQLException {
    String sql =
        "SELECT number FROM numbers(0, 20) WHERE number IN (SELECT * FROM UNNEST(?)) ORDER BY 1";
    try (Connection connection = mode.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, new Long[] {3L, 17L, 99L});
      assertEquals(List.of(3L, 17L), longs(statement.executeQuery()));
      statement.setObject(1, new long[] {4L, 5L});
      assertEquals(List.of(4L, 5L), longs(statement.executeQuery()));
      statement.setArray(1, connection.createArrayOf("BIGINT", new Object[] {0L, 19L}));
      assertEquals(List.of(0L, 19L), longs(statement.executeQuery()));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bareUnnestOfAStringArrayAndNotIn(Mode mode) throws SQLException {
    String sql =
        "SELECT n FROM (SELECT CAST(number AS VARCHAR) AS n FROM numbers(0, 5)) AS t"
            + " WHERE t.n NOT IN (SELECT * FROM UNNEST(?)) AND n <> ? ORDER BY 1";
    try (Connection connection = mode.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("VARCHAR", new Object[] {"1", "3"}));
      statement.setString(2, "4");
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      assertEquals(List.of("0", "2"), rows);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void taskMetricsOfAPreparedStatement(Mode mode) throws SQLException {
    try (Connection connection = mode.connect("numbers_per_task", "100"); // 3 tasks for 300 numbers
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM numbers(0, 300) WHERE number < ?")) {
      statement.setLong(1, 250);
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(250, rs.getLong(1));
      }
      long rows = 0;
      int tasks = 0;
      try (ResultSet metrics = statement.unwrap(ArrowtapStatement.class).getTaskMetrics()) {
        while (metrics.next()) {
          tasks++;
          rows += metrics.getLong("row_count");
        }
      }
      // As many tasks as task slots allow (one per core here), together every number once.
      assertTrue(tasks >= 1, "tasks " + tasks);
      assertEquals(300, rows);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void explainAnalyzeOfAPreparedStatement(Mode mode) throws SQLException {
    try (Connection connection = mode.connect("numbers_per_task", "100");
        PreparedStatement statement =
            connection.prepareStatement(
                "EXPLAIN ANALYZE SELECT count(*) FROM numbers(0, 200) WHERE number < ?")) {
      assertEquals("PLAN", statement.getMetaData().getColumnLabel(1));
      statement.setLong(1, 50);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertTrue(plan.toString().contains("numbers(0, 200)"), plan.toString());
      assertTrue(plan.toString().contains("200 rows"), plan.toString());
      assertTrue(plan.toString().contains("FINISHED, 1 rows"), plan.toString());
      assertFalse(plan.toString().isBlank());
    }
  }

  private static List<Long> longs(ResultSet rs) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}
