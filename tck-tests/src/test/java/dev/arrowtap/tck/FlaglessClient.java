package dev.arrowtap.tck;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.worker.WorkerServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC application in its own JVM, started as users start one ({@code java -cp
 * arrowtap-jdbc.jar:app}, no JVM flags): runs {@link #QUERIES} on a catalog in embedded mode, with
 * tasks in this JVM and on a worker it starts in this JVM too (Arrow Flight both ways), and prints
 * every row as {@code mode|query|value|value...}.
 */
public final class FlaglessClient {
  /** Pushed aggregates (min/max over VARCHAR, sum, count, GROUP BY) and a plain scan. */
  static final List<String> QUERIES =
      List.of(
          "SELECT max(status), min(status), min(currency) FROM demo.orders",
          "SELECT count(*), sum(user_id), count(status) FROM demo.orders",
          "SELECT status, count(*), max(currency), sum(user_id) FROM demo.orders"
              + " GROUP BY status ORDER BY status",
          "SELECT max(name), min(city), max(email) FROM demo.users",
          "SELECT country, min(name), max(zip), count(*) FROM demo.users"
              + " GROUP BY country ORDER BY country",
          "SELECT id, user_id, amount, currency, status, created_at FROM demo.orders ORDER BY id",
          "SELECT count(*), max(number), sum(number) FROM numbers(0, 100000)");

  private FlaglessClient() {}

  /** Arguments: the catalog file, the worker secret file. */
  public static void main(String[] args) throws Exception {
    System.out.println("jvm_args=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
    Path secretFile = Path.of(args[1]);
    String local = "jdbc:arrowtap:catalog=" + args[0];
    try (WorkerServer worker =
        WorkerServer.start("127.0.0.1", 0, WorkerSecret.fromFile(secretFile))) {
      String onWorker =
          local + ";workers=" + worker.address() + ";worker_secret_file=" + secretFile;
      for (String line : run("local", local)) {
        System.out.println(line);
      }
      for (String line : run("worker", onWorker)) {
        System.out.println(line);
      }
    }
  }

  /** Every row of every query, and the plan of the first, as printed lines. */
  static List<String> run(String mode, String url) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      try (ResultSet plan = statement.executeQuery("EXPLAIN PLAN FOR " + QUERIES.get(0))) {
        while (plan.next()) {
          lines.add(mode + "|plan|" + plan.getString(1).replace('\n', ' '));
        }
      }
      for (int q = 0; q < QUERIES.size(); q++) {
        lines.addAll(rows(statement, mode + "|q" + q, QUERIES.get(q)));
      }
    }
    return lines;
  }

  static List<String> rows(Statement statement, String prefix, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder(prefix);
        for (int c = 1; c <= columns; c++) {
          line.append('|').append(rs.getString(c));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }
}
