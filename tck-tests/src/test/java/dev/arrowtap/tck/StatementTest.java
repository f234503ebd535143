package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatementTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void quotedAndUnquotedNamesBothWork(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      assertEquals(3, count(statement, "SELECT Number FROM NUMBERS(0, 3)"));
      assertEquals(3, count(statement, "SELECT \"number\" FROM numbers(0, 3)"));
      assertEquals(11, count(statement, "SELECT * FROM TABLE(numbers(0, 11))"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void largeScanStreamsAcrossManyFrames(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 250000)")) {
      long rows = 0;
      long sum = 0;
      while (rs.next()) {
        rows++;
        sum += rs.getLong(1);
      }
      assertEquals(250_000, rows);
      assertEquals(250_000L * 249_999L / 2, sum);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aggregatesOverABillionNumbersStream(Mode mode) throws SQLException {
    // 50 million rows through the engine: finishes only if nothing holds the range in memory.
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT count(*), max(number) FROM numbers(0, 50000000)")) {
      assertTrue(rs.next());
      assertEquals(50_000_000L, rs.getLong(1));
      assertEquals(49_999_999L, rs.getLong(2));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void preparedStatementBindsParametersAndRunsTwice(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM numbers(0, 100) WHERE number >= ? AND number < ?")) {
      assertEquals(2, statement.getParameterMetaData().getParameterCount());
      statement.setLong(1, 10);
      statement.setInt(2, 20);
      assertEquals(10L, single(statement));
      statement.setLong(1, 90);
      statement.setLong(2, 1000);
      assertEquals(10L, single(statement));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resultTypesRoundTrip(Mode mode) throws SQLException {
    String sql =
        "SELECT CAST(7 AS INTEGER) AS i, CAST(9000000000 AS BIGINT) AS b, 'héllo' AS s, TRUE AS t,"
            + " CAST(1.5 AS DOUBLE) AS d, CAST(12.34 AS DECIMAL(10, 2)) AS m,"
            + " DATE '2024-02-29' AS dt, TIMESTAMP '2024-02-29 13:14:15.123' AS ts,"
            + " CAST(NULL AS VARCHAR) AS n";
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      assertEquals(7, rs.getInt("i"));
      assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
      assertEquals(9_000_000_000L, rs.getLong("b"));
      assertEquals("héllo", rs.getString("s"));
      assertTrue(rs.getBoolean("t"));
      assertEquals(1.5, rs.getDouble("d"));
      assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("m"));
      assertEquals(Date.valueOf("2024-02-29"), rs.getDate("dt"));
      assertEquals(Timestamp.valueOf("2024-02-29 13:14:15.123"), rs.getTimestamp("ts"));
      assertNull(rs.getString("n"));
      assertTrue(rs.wasNull());
      assertFalse(rs.next());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arrayParameterBindsAnInList(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT number FROM numbers(0, 100)"
                    + " WHERE number IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY))) ORDER BY number")) {
      statement.setArray(1, connection.createArrayOf("BIGINT", new Object[] {7L, 3L, 500L, 42L}));
      try (ResultSet rs = statement.executeQuery()) {
        StringBuilder numbers = new StringBuilder();
        while (rs.next()) {
          numbers.append(rs.getLong(1)).append(' ');
        }
        assertEquals("3 7 42 ", numbers.toString());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void maxRowsLimitsTheResult(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(7);
      assertEquals(7, count(statement, "SELECT * FROM numbers(0, 1000000)"));
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      long rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      assertTrue(rs.next());
      long value = rs.getLong(1);
      assertFalse(rs.next());
      return value;
    }
  }
}
