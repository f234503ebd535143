package dev.arrowtap.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collections;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A result set whose fetch errors (a feed failing on page 7) arrive as clean SQLExceptions, and
 * whose DOUBLE columns may hold NaN and infinities.
 */
final class ArrowtapResultSet extends AvaticaResultSet {
  ArrowtapResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      ResultSetMetaData metaData,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  /** Avatica's own execute, with the rows passed through {@link SpecialDoubles}. */
  @Override
  protected AvaticaResultSet execute() throws SQLException {
    Iterable<Object> rows =
        ((ArrowtapConnection) statement.connection)
            .meta()
            .createIterable(
                statement.handle,
                state,
                signature,
                Collections.<TypedValue>emptyList(),
                firstFrame);
    int[] approximate = SpecialDoubles.approximateColumns(columnMetaDataList);
    return execute2(
        MetaImpl.createCursor(signature.cursorFactory, SpecialDoubles.restore(rows, approximate)),
        columnMetaDataList);
  }

  /** True once next() said there are no more rows: the engine has ended the query itself. */
  private boolean exhausted;

  @Override
  public boolean next() throws SQLException {
    try {
      boolean more = super.next();
      exhausted |= !more;
      return more;
    } catch (SQLException e) {
      exhausted = true;
      throw ClientErrors.clean(e);
    } catch (RuntimeException e) {
      exhausted = true;
      throw ClientErrors.clean(e);
    }
  }

  /**
   * Closes the result here and, when rows were left unread, on the engine, so that the query's
   * tasks and HTTP requests stop now rather than when an idle timeout notices.
   */
  @Override
  public void close() {
    try {
      boolean unread = !isClosed() && !exhausted;
      super.close();
      if (unread && statement != null && !statement.isClosed()) {
        QueryControl.closeOnEngine(statement.connection, statement.getId());
      }
    } catch (SQLException e) {
      // The statement or connection is gone: the engine has stopped the query with it.
    }
  }
}
