package dev.arrowtap.jdbc;

import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Collections;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A result set whose fetch errors (a feed failing on page 7) arrive as clean SQLExceptions, whose
 * DOUBLE columns may hold NaN and infinities, which stops at the statement's max rows (prepared
 * statements too), refuses to truncate numbers, and reads columns as java.time values.
 */
final class ArrowtapResultSet extends AvaticaResultSet {
  /** SQLState for a value that does not fit the type asked for. */
  static final String OUT_OF_RANGE = "22003";

  private long delivered;

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
    // Avatica sends a prepared statement's max rows only when it prepares, so it is applied here.
    long maxRows = statement == null ? 0 : statement.getLargeMaxRows();
    if (maxRows > 0 && delivered >= maxRows) {
      return false;
    }
    try {
      boolean more = super.next();
      exhausted |= !more;
      if (more) {
        delivered++;
      }
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

  @Override
  public int getInt(int columnIndex) throws SQLException {
    long value = getLong(columnIndex);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw outOfRange(columnIndex, value, "INTEGER");
    }
    return (int) value;
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    long value = getLong(columnIndex);
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw outOfRange(columnIndex, value, "SMALLINT");
    }
    return (short) value;
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    long value = getLong(columnIndex);
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw outOfRange(columnIndex, value, "TINYINT");
    }
    return (byte) value;
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  private SQLException outOfRange(int columnIndex, long value, String type) throws SQLException {
    return new SQLException(
        "value "
            + value
            + " of column "
            + getMetaData().getColumnLabel(columnIndex)
            + " is out of range for "
            + type
            + "; read it with getLong",
        OUT_OF_RANGE);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (type != null && JavaTimeValues.supports(type)) {
      return JavaTimeValues.column(
          new JavaTimeValues.Reader() {
            @Override
            public Date date(Calendar calendar) throws SQLException {
              return getDate(columnIndex, calendar);
            }

            @Override
            public Time time(Calendar calendar) throws SQLException {
              return getTime(columnIndex, calendar);
            }

            @Override
            public Timestamp timestamp(Calendar calendar) throws SQLException {
              return getTimestamp(columnIndex, calendar);
            }
          },
          type);
    }
    return super.getObject(columnIndex, type);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }
}
