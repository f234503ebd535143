package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fetch size gives every row, and max rows exactly the rows it allows: 0 is JDBC's "no hint"
 * (Spark's JDBC source sets it by default), not "frames of no rows".
 */
class FetchSizeTest {
  private static final int ROWS = 1_200;
  private static final String SQL = "SELECT number FROM numbers(0, " + ROWS + ") ORDER BY number";

  static Stream<Arguments> fetchSizes() {
    List<Arguments> cases = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      for (int fetchSize : List.of(0, 1, 7, 100, 101, 20_000)) {
        cases.add(Arguments.of(mode, fetchSize));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> maxRows() {
    List<Arguments> cases = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      for (int fetchSize : List.of(0, 7)) {
        for (int maxRows : List.of(1, 100, 101, 1_199, 5_000)) {
          cases.add(Arguments.of(mode, fetchSize, maxRows));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("fetchSizes")
  void statementReturnsEveryRow(Mode mode, int fetchSize) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(fetchSize);
      assertEquals(expected(ROWS), numbers(statement.executeQuery(SQL)));
    }
  }

  @ParameterizedTest
  @MethodSource("fetchSizes")
  void preparedStatementReturnsEveryRow(Mode mode, int fetchSize) throws SQLException {
    try (Connection connection = mode.connect();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setFetchSize(fetchSize);
      assertEquals(expected(ROWS), numbers(statement.executeQuery()));
      // Executed again, as Spark does per partition.
      assertEquals(expected(ROWS), numbers(statement.executeQuery()));
    }
  }

  @ParameterizedTest
  @MethodSource("maxRows")
  void maxRowsGivesExactlyThatMany(Mode mode, int fetchSize, int maxRows) throws SQLException {
    int want = Math.min(maxRows, ROWS);
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement(SQL)) {
      statement.setFetchSize(fetchSize);
      statement.setMaxRows(maxRows);
      assertEquals(expected(want), numbers(statement.executeQuery(SQL)));
      prepared.setFetchSize(fetchSize);
      prepared.setMaxRows(maxRows);
      assertEquals(expected(want), numbers(prepared.executeQuery()));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resultSetFetchSizeZeroKeepsEveryRow(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      rs.setFetchSize(0);
      assertEquals(expected(ROWS), numbers(rs));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void negativeFetchSizeIsRefused(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement(SQL)) {
      assertEquals(
          "22023",
          assertThrows(SQLException.class, () -> statement.setFetchSize(-1)).getSQLState());
      assertEquals(
          "22023", assertThrows(SQLException.class, () -> prepared.setFetchSize(-5)).getSQLState());
    }
  }

  private static List<Long> expected(int count) {
    List<Long> out = new ArrayList<>(count);
    for (long i = 0; i < count; i++) {
      out.add(i);
    }
    return out;
  }

  private static List<Long> numbers(ResultSet rs) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}
