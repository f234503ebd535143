package dev.arrowtap.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One line on stderr, redrawn in place, that shows a statement running longer than a second: rows,
 * requests, bytes, tasks done of all and the time so far, read from the engine's {@code sys}
 * tables. It is erased before the result is printed.
 */
final class ProgressLine implements AutoCloseable {
  /** How long a statement runs before its progress shows. */
  static final long FIRST_AFTER_MILLIS = 1000;

  private static final long EVERY_MILLIS = 250;
  private static final String ERASE = "\r\033[K";
  private static final String QUERY =
      "SELECT q.elapsed_ms, count(t.task),"
          + " sum(CASE WHEN t.state IN ('PENDING', 'RUNNING') THEN 0 ELSE 1 END),"
          + " sum(t.row_count), sum(t.http_requests), sum(t.http_bytes)"
          + " FROM sys.queries q LEFT JOIN sys.task_metrics t ON t.query_id = q.query_id"
          + " WHERE q.statement_id = ? AND q.connection_id IS NOT NULL AND q.state = 'RUNNING'"
          + " GROUP BY q.query_id, q.elapsed_ms";

  private final PrintStream err;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> task;
  private final long startNanos = System.nanoTime();
  // Written by the timer thread, read by close(): whether a line is on the screen.
  private boolean shown;
  private boolean closed;
  private PreparedStatement poll;

  private ProgressLine(PrintStream err, Connection connection, int statementId) {
    this.err = err;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "arrowtap-progress");
              thread.setDaemon(true);
              return thread;
            });
    this.task =
        timer.scheduleWithFixedDelay(
            () -> draw(connection, statementId),
            FIRST_AFTER_MILLIS,
            EVERY_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  /**
   * Starts showing the progress of {@code statement}'s next query after a second.
   *
   * @return a progress line to close once the statement's execute returns
   */
  static ProgressLine start(PrintStream err, Statement statement) throws SQLException {
    int id = statement.unwrap(org.apache.calcite.avatica.AvaticaStatement.class).getId();
    return new ProgressLine(err, statement.getConnection(), id);
  }

  private void draw(Connection connection, int statementId) {
    String line;
    try {
      if (poll == null) {
        poll = connection.prepareStatement(QUERY);
      }
      poll.setInt(1, statementId);
      try (ResultSet rs = poll.executeQuery()) {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        line =
            rs.next()
                ? format(
                    elapsed,
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getInt(3),
                    rs.getInt(2))
                : format(elapsed, 0, 0, 0, 0, 0);
      }
    } catch (SQLException | RuntimeException e) {
      // Progress is a courtesy: a failed look leaves the line as it was.
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      err.print(ERASE + line);
      err.flush();
      shown = true;
    }
  }

  /** The line: {@code 12,345 rows, 7 requests, 1.2 MB, tasks 2/4, 3.4 s (Ctrl-C cancels)}. */
  static String format(
      long elapsedMillis, long rows, long requests, long bytes, int tasksDone, int tasks) {
    return String.format(
        Locale.ROOT,
        "%,d rows, %,d requests, %s, tasks %d/%d, %.1f s (Ctrl-C cancels)",
        rows,
        requests,
        bytes(bytes),
        tasksDone,
        tasks,
        elapsedMillis / 1000.0);
  }

  private static String bytes(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  /** Stops drawing and erases the line, if one was drawn. */
  @Override
  public void close() {
    task.cancel(false);
    timer.shutdown();
    synchronized (this) {
      closed = true;
      if (shown) {
        err.print(ERASE);
        err.flush();
        shown = false;
      }
    }
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (poll != null) {
      try {
        poll.close();
      } catch (SQLException e) {
        // The connection may be closing already.
      }
    }
  }
}
