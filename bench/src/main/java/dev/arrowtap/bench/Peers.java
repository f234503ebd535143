package dev.arrowtap.bench;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The versions of the peers on the class path, as the report names them. */
final class Peers {
  private Peers() {}

  static String describe() {
    return "DuckDB "
        + duckdb()
        + ", Avatica "
        + version("org.apache.calcite.avatica.remote.Driver")
        + " (plain JdbcMeta over DuckDB, JSON over HTTP)";
  }

  private static String duckdb() {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      DatabaseMetaData meta = duck.getMetaData();
      return meta.getDatabaseProductVersion() + " (JDBC " + meta.getDriverVersion() + ")";
    } catch (SQLException e) {
      return "(missing: " + e.getMessage() + ")";
    }
  }

  private static String version(String className) {
    try {
      Package p = Class.forName(className).getPackage();
      String version = p == null ? null : p.getImplementationVersion();
      return version == null ? "(version unknown)" : version;
    } catch (ClassNotFoundException e) {
      return "(missing)";
    }
  }
}
