package dev.arrowtap.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/** A result set whose fetch errors (a feed failing on page 7) arrive as clean SQLExceptions. */
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
