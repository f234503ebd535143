package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sys.queries shows every query, but a connection id only to its own connection. */
class SysPrivacyTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherSessionsConnectionIdsAreHidden(Mode mode) throws SQLException {
    String marker = "privacy_" + mode + "_" + System.nanoTime();
    try (Connection first = mode.connect();
        Connection second = mode.connect()) {
      try (Statement s = first.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) AS " + marker + " FROM numbers(0, 3)")) {
        rs.next();
      }
      String sql =
          "SELECT connection_id FROM sys.queries WHERE sql_text LIKE '%"
              + marker
              + "%' AND sql_text NOT LIKE '%sys.queries%'";
      assertEquals(null, single(second, sql), "another session sees the connection id");
      String own = single(first, sql);
      assertTrue(own != null && !own.isEmpty(), "the session itself sees its id");
    }
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "the query is in sys.queries");
      return rs.getString(1);
    }
  }
}
