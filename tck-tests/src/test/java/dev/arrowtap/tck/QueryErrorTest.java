package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 7: sys.queries.error holds a failed query's error, with its SQLState, secrets masked. */
class QueryErrorTest {
  private static final String KEY = "sk_live_51HxYzABCdef1234567890";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failedQueriesKeepTheirErrorInSysQueries(Mode mode) throws SQLException {
    String marker = "m" + System.nanoTime();
    try (Connection connection = mode.connect()) {
      assertRecorded(connection, "SELECT 1 AS " + marker + " FROM nowhere", "42704");
      assertRecorded(connection, "SELECT number AS " + marker + " FROM numbers(5, 1)", "22023");
      assertRecorded(connection, "SELECT " + marker + " FROM FROM", "42000");
      // Fails while rows are fetched, not while planning.
      assertRecorded(
          connection, "SELECT 10 / (number - 3) AS " + marker + " FROM numbers(0, 5)", null);
      // An error quoting a secret-looking name shows it masked.
      String error =
          assertRecorded(connection, "SELECT * FROM \"" + KEY + "\" AS " + marker, "42704");
      assertFalse(error.contains(KEY), error);
    }
  }

  /** Runs a failing query; its sys.queries row says FAILED and holds the client's error. */
  private static String assertRecorded(Connection connection, String sql, String state)
      throws SQLException {
    SQLException client =
        assertThrows(
            SQLException.class,
            () -> {
              try (Statement s = connection.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                  // Read to the end: some queries fail only while rows are fetched.
                }
              }
            });
    if (state != null) {
      assertEquals(state, client.getSQLState(), client.getMessage());
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT state, error FROM sys.queries WHERE sql_text = ? ORDER BY query_id DESC")) {
      s.setString(1, sql);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "no sys.queries row for " + sql);
        assertEquals("FAILED", rs.getString(1));
        String error = rs.getString(2);
        assertTrue(error != null && error.startsWith(client.getSQLState() + ": "), error);
        String words = client.getMessage().replace("'" + KEY + "'", "'***'");
        assertTrue(error.contains(words.substring(0, Math.min(30, words.length()))), error);
        return error;
      }
    }
  }
}
