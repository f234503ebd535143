package dev.arrowtap.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code arrowtap sql}: runs statements without a terminal and prints each result; exits non-zero
 * with the error on stderr when a statement fails.
 */
final class SqlCommand {
  private SqlCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String url = "jdbc:arrowtap:";
    ResultFormat format = ResultFormat.TABLE;
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> {
          if (++i == args.length) {
            return usage(err, "--url needs a value");
          }
          url = args[i];
        }
        case "--format" -> {
          if (++i == args.length) {
            return usage(err, "--format needs a value");
          }
          format = ResultFormat.parse(args[i]);
          if (format == null) {
            return usage(err, "--format must be table, csv or json, not '" + args[i] + "'");
          }
        }
        default -> statements.addAll(StatementSplitter.split(args[i]));
      }
    }
    if (statements.isEmpty()) {
      return usage(err, "no SQL given");
    }
    if (!url.startsWith("jdbc:")) {
      // `--url http://host:port` is shorthand for the remote driver URL.
      url = "jdbc:arrowtap:url=" + url;
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      for (String sql : statements) {
        try (Statement statement = connection.createStatement()) {
          if (statement.execute(sql)) {
            try (ResultSet resultSet = statement.getResultSet()) {
              format.print(resultSet, out);
            }
          } else {
            out.println(statement.getUpdateCount() + " rows affected");
          }
        }
      }
      out.flush();
      return 0;
    } catch (SQLException e) {
      out.flush();
      err.println("arrowtap sql: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
      return 1;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("arrowtap sql: " + problem);
    err.println("usage: arrowtap sql [--url URL] [--format table|csv|json] \"SQL\"...");
    return 2;
  }
}
