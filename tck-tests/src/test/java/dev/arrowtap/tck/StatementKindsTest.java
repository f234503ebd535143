package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements a read-only engine does not run are refused with a short message and a feature
 * SQLState; text outside Latin-1 works in literals; every DatabaseMetaData method answers.
 */
class StatementKindsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void writesAndDdlAreRefusedShortly(Mode mode) throws SQLException {
    Map<String, String> refused =
        Map.of(
            "INSERT INTO edge.sales (id) VALUES (1)", "25006",
            "update edge.sales SET id = 1", "25006",
            "  DELETE FROM edge.sales", "25006",
            "SET x = 1", "0A000",
            "CREATE TABLE t (x INT)", "0A000",
            "/* tool */ DROP TABLE edge.sales", "0A000");
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode);
        Statement statement = connection.createStatement()) {
      for (Map.Entry<String, String> entry : refused.entrySet()) {
        SQLException executed =
            assertThrows(SQLException.class, () -> statement.execute(entry.getKey()));
        assertEquals(entry.getValue(), executed.getSQLState(), entry.getKey());
        assertTrue(executed.getMessage().contains("not supported"), executed.getMessage());
        assertTrue(executed.getMessage().length() < 200, executed.getMessage());
        SQLException prepared =
            assertThrows(SQLException.class, () -> connection.prepareStatement(entry.getKey()));
        assertEquals(entry.getValue(), prepared.getSQLState(), entry.getKey());
      }
      // Still a working connection.
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM edge.sales")) {
        assertTrue(rs.next());
        assertEquals(EdgeFeeds.ROWS, rs.getLong(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void literalsOutsideLatin1Work(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*), min(service), 'ü€☃' FROM edge.sales WHERE service LIKE '%☃%'")) {
      assertTrue(rs.next());
      assertEquals(EdgeFeeds.ROWS / 3, rs.getLong(1));
      assertEquals("snow☃man", rs.getString(2));
      assertEquals("ü€☃", rs.getString(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyDatabaseMetaDataMethodAnswers(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      DatabaseMetaData metaData = connection.getMetaData();
      assertTrue(metaData.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
      assertFalse(metaData.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT));
      for (int type :
          new int[] {
            ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.TYPE_SCROLL_INSENSITIVE,
            ResultSet.TYPE_SCROLL_SENSITIVE
          }) {
        assertFalse(metaData.ownUpdatesAreVisible(type));
        assertFalse(metaData.ownDeletesAreVisible(type));
        assertFalse(metaData.ownInsertsAreVisible(type));
        assertFalse(metaData.othersUpdatesAreVisible(type));
        assertFalse(metaData.othersDeletesAreVisible(type));
        assertFalse(metaData.othersInsertsAreVisible(type));
        assertFalse(metaData.updatesAreDetected(type));
        assertFalse(metaData.deletesAreDetected(type));
        assertFalse(metaData.insertsAreDetected(type));
      }
      assertEquals(1, count(metaData.getTables(null, "edge", "sales", null)));
      assertEquals(1, count(metaData.getTables("", "edge", "sales", null)));
      assertEquals(0, count(metaData.getTables("nosuch", "edge", "sales", null)));
      assertEquals(4, count(metaData.getColumns(null, "edge", "sales", null)));
      assertEquals(0, count(metaData.getColumns("nosuch", "edge", "sales", null)));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nextAfterCancelIsQueryCanceled(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(100);
      try (ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 100000000)")) {
        assertTrue(rs.next());
        statement.cancel();
        SQLException error = assertThrows(SQLException.class, rs::next);
        assertEquals("57014", error.getSQLState(), error.getMessage());
      }
    }
  }

  private static int count(ResultSet rs) throws SQLException {
    int count = 0;
    try (rs) {
      while (rs.next()) {
        count++;
      }
    }
    return count;
  }
}
