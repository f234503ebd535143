package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 8: connections and transactions the way BI tools expect from a read-only source. */
class TransactionsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void newConnectionAutoCommitsAndTransactionCallsAreNoOps(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      assertTrue(connection.getAutoCommit());
      assertTrue(connection.isReadOnly());
      // DBeaver's manual-commit mode, then pandas' commit after read_sql.
      connection.setAutoCommit(false);
      assertEquals(3, count(connection, "SELECT * FROM numbers(0, 3)"));
      connection.commit();
      connection.rollback();
      connection.setAutoCommit(true);
      assertTrue(connection.getAutoCommit());
      connection.commit();
      connection.setReadOnly(false);
      assertTrue(connection.isReadOnly(), "a read-only source stays read-only");
      assertEquals(2, count(connection, "SELECT * FROM numbers(0, 2)"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void applicationNameIsShownInSysQueries(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      connection.setClientInfo("ApplicationName", "DBeaver 24.1 - Main <o'brien>");
      assertEquals("DBeaver 24.1 - Main <o'brien>", connection.getClientInfo("ApplicationName"));
      count(connection, "SELECT * FROM numbers(0, 4)");
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT application_name FROM sys.queries WHERE sql_text LIKE '%numbers(0, 4)%'"
                      + " AND sql_text NOT LIKE '%sys.queries%'")) {
        assertTrue(rs.next());
        assertEquals("DBeaver 24.1 - Main <o'brien>", rs.getString(1));
        assertFalse(rs.next());
      }
      // An unknown name is not an error, only a warning.
      connection.setClientInfo("NoSuchInfo", "x");
      assertNotNull(connection.getWarnings());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void applicationNameAsAConnectionPropertyIsShownToo(Mode mode) throws SQLException {
    try (Connection connection = mode.connect("ApplicationName", "pandas-report")) {
      // A text no other test sends: the suite's other queries share the engine's sys tables.
      count(connection, "SELECT number AS application_marker FROM numbers(0, 5)");
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT application_name FROM sys.queries"
                      + " WHERE sql_text LIKE '%application_marker FROM numbers(0, 5)%'"
                      + " AND sql_text NOT LIKE '%sys.queries%' ORDER BY query_id DESC")) {
        assertTrue(rs.next());
        assertEquals("pandas-report", rs.getString(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void isValidTellsTheTruth(Mode mode) throws SQLException {
    Connection connection = mode.connect();
    assertTrue(connection.isValid(5));
    assertTrue(connection.isValid(0));
    assertThrows(SQLException.class, () -> connection.isValid(-1));
    connection.close();
    assertFalse(connection.isValid(5));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getUrlIsTheUsersUrlWithoutSecrets(Mode mode) throws SQLException {
    String url = mode.url() + ";numbers_per_task=5;password=hunter2;user=ann";
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData md = connection.getMetaData();
      assertEquals(mode.url() + ";numbers_per_task=5;user=ann", md.getURL());
    }
  }

  @org.junit.jupiter.api.Test
  void serverGoneGivesClass08AndARestartedServerIsReconnectedTransparently() throws Exception {
    RestartableServer server = new RestartableServer();
    String url = "jdbc:arrowtap:url=" + server.url();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement prepared =
            connection.prepareStatement("SELECT count(*) FROM numbers(0, 100) WHERE number < ?")) {
      Statement statement = connection.createStatement();
      assertEquals(7, count(connection, "SELECT * FROM numbers(0, 7)"));
      ResultSet open = statement.executeQuery("SELECT number FROM numbers(0, 100000)");
      assertTrue(open.next());

      server.stop();
      // Mid-query: the rest of the result cannot be fetched.
      SQLException midQuery =
          assertThrows(
              SQLException.class,
              () -> {
                while (open.next()) {
                  open.getLong(1);
                }
              });
      assertClass08(midQuery);
      // Between queries, through every kind of call a BI tool makes.
      assertClass08(assertThrows(SQLException.class, () -> count(connection, "SELECT 1")));
      assertClass08(
          assertThrows(SQLException.class, () -> connection.prepareStatement("SELECT 1")));
      assertClass08(assertThrows(SQLException.class, () -> connection.getMetaData().getSchemas()));
      assertClass08(assertThrows(SQLException.class, connection::commit));
      assertFalse(connection.isValid(5));

      server.restart();
      // The same connection, its old statement and its prepared statement work again.
      assertTrue(connection.isValid(5));
      assertEquals(4, count(connection, "SELECT * FROM numbers(0, 4)"));
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 9)")) {
        assertTrue(rs.next());
        assertEquals(9, rs.getLong(1));
      }
      prepared.setLong(1, 6);
      try (ResultSet rs = prepared.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(6, rs.getLong(1));
      }
    } finally {
      server.stop();
    }
  }

  private static void assertClass08(SQLException error) {
    assertNotNull(error.getSQLState(), error.toString());
    assertTrue(error.getSQLState().startsWith("08"), error.getSQLState() + " " + error);
    assertTrue(error.getMessage().contains("127.0.0.1"), error.getMessage());
  }

  static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      long rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }
}
