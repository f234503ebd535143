package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 8: result types as BI tools read them. */
class TypesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void arrayResultsReadThroughGetArrayAndGetObject(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT ARRAY[1, 2], ARRAY['a', 'b', 'c'], 7")) {
      assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(1));
      assertTrue(rs.next());
      Array numbers = rs.getArray(1);
      assertArrayEquals(new Object[] {1, 2}, (Object[]) numbers.getArray());
      Object asObject = rs.getObject(2);
      assertTrue(asObject instanceof Array, String.valueOf(asObject));
      assertArrayEquals(new Object[] {"a", "b", "c"}, (Object[]) ((Array) asObject).getArray());
      assertEquals(7, rs.getInt(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arrayAggregatesAndPreparedArrayResults(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        var statement =
            connection.prepareStatement(
                "SELECT ARRAY_AGG(number ORDER BY number) FROM numbers(0, 5) WHERE number < ?")) {
      statement.setLong(1, 3);
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
        List<Long> values = new ArrayList<>();
        for (Object value : (Object[]) rs.getArray(1).getArray()) {
          values.add(((Number) value).longValue());
        }
        assertEquals(List.of(0L, 1L, 2L), values);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void narrowingGettersRefuseToTruncate(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT CAST(5000000000 AS BIGINT) AS big, CAST(70000 AS BIGINT) AS mid,"
                    + " CAST(-5 AS BIGINT) AS small")) {
      assertTrue(rs.next());
      SQLException error = assertThrows(SQLException.class, () -> rs.getInt(1));
      assertEquals("22003", error.getSQLState());
      assertTrue(error.getMessage().contains("big"), error.getMessage());
      assertEquals("22003", assertThrows(SQLException.class, () -> rs.getInt("big")).getSQLState());
      assertEquals(5000000000L, rs.getLong(1));
      assertEquals(70000, rs.getInt(2));
      assertEquals("22003", assertThrows(SQLException.class, () -> rs.getShort(2)).getSQLState());
      assertEquals(-5, rs.getByte(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void timestampsAreUtcWallClockTimes(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT TIMESTAMP '2024-03-01 12:30:45.123', CAST('2024-03-01 12:30:45' AS TIMESTAMP)")) {
      assertTrue(rs.next());
      assertEquals(
          LocalDateTime.of(2024, 3, 1, 12, 30, 45, 123_000_000),
          rs.getObject(1, LocalDateTime.class));
      // TIMESTAMP without a precision is TIMESTAMP(3), as a declared feed column is: milliseconds
      // are kept through casts, and shown.
      assertEquals("2024-03-01 12:30:45.000", rs.getString(2));
    }
  }
}
