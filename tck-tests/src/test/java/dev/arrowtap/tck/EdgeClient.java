package dev.arrowtap.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A JDBC client in its own JVM that binds and fetches as Spark, pandas and jOOQ do, and prints what
 * it got: the driver jars are checked with it, not only the module's classes.
 */
public final class EdgeClient {
  private EdgeClient() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0])) {
      StringBuilder out = new StringBuilder();
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(0);
        out.append("statement=").append(count(statement.executeQuery(ROWS)));
      }
      try (PreparedStatement statement = connection.prepareStatement(ROWS)) {
        statement.setFetchSize(0);
        out.append(" prepared=").append(count(statement.executeQuery()));
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT count(*) FROM (VALUES (CAST(272.34 AS DECIMAL(10, 2)))) AS t(amount)"
                  + " WHERE amount = ?")) {
        statement.setDouble(1, 272.34);
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          out.append(" double=").append(rs.getLong(1));
        }
      }
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT number FROM numbers(0, 100) LIMIT ?")) {
        statement.setLong(1, 3L);
        out.append(" limit=").append(count(statement.executeQuery()));
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT CAST(1e300 AS DOUBLE)")) {
        rs.next();
        rs.getLong(1);
        out.append(" range=none");
      } catch (SQLException e) {
        out.append(" range=").append(e.getSQLState());
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT 10 / (number - 5) FROM numbers(0, 10)")) {
        count(rs);
        out.append(" divide=none");
      } catch (SQLException e) {
        out.append(" divide=").append(e.getSQLState().startsWith("22") ? "22xxx" : e.getSQLState());
      }
      System.out.println(out);
    }
  }

  private static final String ROWS = "SELECT number FROM numbers(0, 1200)";

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
