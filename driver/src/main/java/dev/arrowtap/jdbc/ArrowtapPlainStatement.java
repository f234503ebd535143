package dev.arrowtap.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A plain statement on an arrowtap connection. {@link #cancel()} and the query timeout stop the
 * query on the engine (every task, on every worker), not just in this client.
 */
final class ArrowtapPlainStatement extends AvaticaStatement implements ArrowtapStatement {
  ArrowtapPlainStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /**
   * Stops the running query on the engine, then here; safe to call from another thread. Not
   * synchronized: Avatica holds this statement's lock while it executes, and the engine must hear
   * of the cancel before that execution can return.
   */
  @Override
  @SuppressWarnings("UnsynchronizedOverridesSynchronized") // see above
  public void cancel() throws SQLException {
    if (isClosed()) {
      return;
    }
    QueryControl.cancelOnEngine(connection, getId());
    super.cancel();
  }

  /** 0 is "no hint": the connection's {@code fetch_size} applies (see {@link FetchSizes}). */
  @Override
  public void setFetchSize(int rows) throws SQLException {
    super.setFetchSize(FetchSizes.effective(connection, rows));
  }

  @Override
  protected void executeInternal(String sql) throws SQLException {
    cancelFlag.set(false);
    try {
      QueryControl.withTimeout(getQueryTimeout(), this::cancel, () -> super.executeInternal(sql));
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    }
  }

  /** Avatica lets a batch's failure through unchecked; JDBC callers expect an SQLException. */
  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      return super.executeLargeBatch();
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    } catch (RuntimeException e) {
      throw ClientErrors.clean(e);
    }
  }
}
