package dev.arrowtap.cli;

import java.io.Console;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code arrowtap sql}: runs statements without a terminal and prints each result; exits non-zero
 * with the error on stderr when a statement fails.
 */
final class SqlCommand {
  /** The statement running now, for Ctrl-C to cancel. */
  private static final AtomicReference<Statement> RUNNING = new AtomicReference<>();

  private SqlCommand() {}

  /**
   * As {@link #run}, in a process of its own: Ctrl-C cancels the running statement and ends the
   * process with a line on stderr, not a stack trace.
   */
  static int runInProcess(String[] args, PrintStream out, PrintStream err) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Statement running = RUNNING.getAndSet(null);
                  if (running != null) {
                    try {
                      running.cancel();
                    } catch (SQLException | RuntimeException e) {
                      // The process ends either way.
                    }
                    err.println("\r\033[Karrowtap sql: cancelled");
                    err.flush();
                  }
                },
                "arrowtap-sql-interrupt"));
    return run(args, out, err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String url = "jdbc:arrowtap:";
    ResultFormat format = ResultFormat.TABLE;
    String progress = "auto";
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
        case "--progress" -> {
          if (++i == args.length || !List.of("auto", "on", "off").contains(args[i])) {
            return usage(err, "--progress must be auto, on or off");
          }
          progress = args[i];
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
    // Only on a terminal unless asked: a pipe or a file gets the result alone.
    boolean showProgress = progress.equals("on") || (progress.equals("auto") && onTerminal());
    try (Connection connection = DriverManager.getConnection(url)) {
      for (String sql : statements) {
        try (Statement statement = connection.createStatement()) {
          boolean hasRows;
          RUNNING.set(statement);
          ProgressLine line = showProgress ? ProgressLine.start(err, statement) : null;
          try {
            hasRows = statement.execute(sql);
          } finally {
            if (line != null) {
              line.close();
            }
          }
          if (hasRows) {
            try (ResultSet resultSet = statement.getResultSet()) {
              format.print(resultSet, out);
            }
          } else {
            out.println(statement.getUpdateCount() + " rows affected");
          }
        } finally {
          RUNNING.set(null);
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

  /** Whether the process runs in a terminal, where a line redrawn in place reads well. */
  // On JDK 17 to 21 a null console means no terminal; JDK 22 and later also say isTerminal().
  @SuppressWarnings("SystemConsoleNull")
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 there is a console only in a terminal
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("arrowtap sql: " + problem);
    err.println(
        "usage: arrowtap sql [--url URL] [--format table|csv|json] [--progress auto|on|off]"
            + " \"SQL\"...");
    return 2;
  }
}
