package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void syntaxErrorNamesThePosition(Mode mode) throws SQLException {
    SQLException error = failure(mode, "SELECT FROM WHERE");
    assertEquals("42000", error.getSQLState());
    assertTrue(error.getMessage().contains("line 1, column 8"), error.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void reservedWordAsANameGetsAHint(Mode mode) throws SQLException {
    SQLException error = failure(mode, "SELECT number AS rows FROM numbers(0, 3)");
    assertEquals("42000", error.getSQLState());
    assertTrue(
        error.getMessage().contains("rows is a reserved word; as a name it needs quotes: \"rows\""),
        error.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownTableIsNamed(Mode mode) throws SQLException {
    SQLException error = failure(mode, "SELECT * FROM no_such_table");
    assertEquals("42704", error.getSQLState());
    assertTrue(error.getMessage().contains("no_such_table"), error.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badNumbersArgumentsAreExplained(Mode mode) throws SQLException {
    SQLException backwards = failure(mode, "SELECT * FROM numbers(5, 1)");
    // The server's own words, not Avatica's wrapping ("Error -1 (22023) : Remote driver error:
    // ...").
    assertEquals("numbers(5, 1): end must not be less than start", backwards.getMessage());
    assertEquals("22023", backwards.getSQLState());
    assertTrue(
        backwards.getMessage().contains("end must not be less than start"), backwards.getMessage());

    SQLException fraction = failure(mode, "SELECT * FROM numbers(1.5, 3)");
    assertEquals("22023", fraction.getSQLState());
    assertTrue(
        fraction.getMessage().contains("start must be a whole number"), fraction.getMessage());

    SQLException text = failure(mode, "SELECT * FROM numbers(0, 'ten')");
    assertEquals("22023", text.getSQLState());
    assertTrue(text.getMessage().contains("end must be a whole number"), text.getMessage());

    SQLException nulls = failure(mode, "SELECT * FROM numbers(NULL, 3)");
    assertEquals("22004", nulls.getSQLState());
    assertTrue(nulls.getMessage().contains("start must not be NULL"), nulls.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void connectionSurvivesAnError(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM nowhere"));
      try (var rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 5)")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getLong(1));
      }
    }
  }

  @Test
  void unreachableServerFailsWithConnectionState() {
    SQLException error =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:arrowtap:url=http://127.0.0.1:1").close());
    assertTrue(
        error.getSQLState() == null || error.getSQLState().startsWith("08"), error.getSQLState());
  }

  private static SQLException failure(Mode mode, String sql) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      return assertThrows(SQLException.class, () -> statement.executeQuery(sql).close());
    }
  }
}
