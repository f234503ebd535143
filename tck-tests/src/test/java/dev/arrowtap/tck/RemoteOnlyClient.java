package dev.arrowtap.tck;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** A JDBC client in its own JVM: connects to the URL it is given and prints a count. */
public final class RemoteOnlyClient {
  private RemoteOnlyClient() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0]);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM numbers(0, 1000)")) {
      rs.next();
      System.out.println(
          "count="
              + rs.getLong(1)
              + " product="
              + connection.getMetaData().getDatabaseProductName());
    }
  }
}
