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

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    } catch (RuntimeException e) {
      throw ClientErrors.clean(e);
    }
  }
}
