package dev.arrowtap.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Cancel and query timeout for plain and prepared statements alike. Avatica acts on them only in
 * the client; here the engine hears of them first, so every task of the query stops.
 */
final class QueryControl {
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(DriverThreads.named("arrowtap-query-timeout"));

  private QueryControl() {}

  /** Stops statement {@code statementId}'s running query on the engine, from any thread. */
  static void cancelOnEngine(AvaticaConnection connection, int statementId) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CANCEL STATEMENT " + statementId);
    }
  }

  /** Closes statement {@code statementId}'s result on the engine, stopping its query. */
  static void closeOnEngine(AvaticaConnection connection, int statementId) throws SQLException {
    if (connection.isClosed()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CLOSE RESULT " + statementId);
    }
  }

  /** Work that may throw SQLException. */
  interface Work {
    void run() throws SQLException;
  }

  /** A cancel that may throw SQLException. */
  interface Cancel {
    void run() throws SQLException;
  }

  /**
   * Runs {@code work}, cancelling it after {@code seconds} (none when 0); a timed-out query fails
   * with SQLState 57014 and says so.
   */
  static void withTimeout(int seconds, Cancel cancel, Work work) throws SQLException {
    if (seconds <= 0) {
      work.run();
      return;
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> timer =
        TIMERS.schedule(
            () -> {
              timedOut.set(true);
              try {
                cancel.run();
              } catch (SQLException e) {
                // The statement was closed or the query ended as the timer fired.
                timedOut.set(false);
              }
            },
            seconds,
            TimeUnit.SECONDS);
    try {
      work.run();
    } catch (SQLException e) {
      if (timedOut.get()) {
        throw new SQLException(
            "query timed out after " + seconds + " s: " + ClientErrors.clean(e).getMessage(),
            "57014",
            e);
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
  }
}
