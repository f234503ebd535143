package dev.arrowtap.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A statement on an arrowtap connection. {@link #cancel()} and the query timeout stop the query on
 * the engine (every task, on every worker), not just in this client; {@link #getTaskMetrics()}
 * returns the per-task metrics of the statement's last query.
 */
public class ArrowtapStatement extends AvaticaStatement {
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "arrowtap-query-timeout");
            thread.setDaemon(true);
            return thread;
          });

  private volatile boolean timedOut;

  ArrowtapStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /**
   * The per-task metrics of this statement's last query, one row per task, as in {@code
   * sys.task_metrics}. The same in embedded and remote mode: it is a query on this connection.
   */
  public ResultSet getTaskMetrics() throws SQLException {
    Statement statement = connection.createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery(TaskMetricsQuery.forStatement(connection.id, getId()));
  }

  /**
   * Stops the running query on the engine, then here; safe to call from another thread. Not
   * synchronized: Avatica holds this statement's lock while it executes, and the engine must hear
   * of the cancel before that execution can return.
   */
  @Override
  public void cancel() throws SQLException {
    if (isClosed()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CANCEL STATEMENT " + getId());
    }
    super.cancel();
  }

  @Override
  protected void executeInternal(String sql) throws SQLException {
    try {
      executeWithTimeout(sql);
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    }
  }

  private void executeWithTimeout(String sql) throws SQLException {
    int timeoutMillis = getQueryTimeout() * 1000;
    if (timeoutMillis <= 0) {
      cancelFlag.set(false);
      super.executeInternal(sql);
      return;
    }
    timedOut = false;
    cancelFlag.set(false);
    ScheduledFuture<?> timer =
        TIMERS.schedule(this::cancelOnTimeout, timeoutMillis, TimeUnit.MILLISECONDS);
    try {
      super.executeInternal(sql);
    } catch (SQLException e) {
      if (timedOut) {
        throw new SQLException(
            "query timed out after "
                + getQueryTimeout()
                + " s: "
                + ClientErrors.clean(e).getMessage(),
            "57014",
            e);
      }
      throw e;
    } finally {
      timer.cancel(false);
    }
  }

  private void cancelOnTimeout() {
    timedOut = true;
    try {
      cancel();
    } catch (SQLException e) {
      // The statement was closed or the query ended as the timer fired: nothing left to stop.
      timedOut = false;
    }
  }
}
