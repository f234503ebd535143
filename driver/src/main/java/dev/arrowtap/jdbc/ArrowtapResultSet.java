package dev.arrowtap.jdbc;

import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
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
  private static final Calendar UTC =
      Calendar.getInstance(TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);

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
      if (e.getSQLState() == null && "Statement canceled".equals(e.getMessage())) {
        // Avatica's own message after cancel() carries no SQLState.
        throw new SQLException(
            "query cancelled: Statement.cancel() was called", ArrowtapStatement.QUERY_CANCELED, e);
      }
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
  public long getLong(int columnIndex) throws SQLException {
    return integer(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return (int) integer(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short) integer(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte) integer(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
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

  /**
   * The column as an integer in [{@code min}, {@code max}] or 22003 (see {@link ExactNumbers}):
   * Avatica's accessors wrap a DECIMAL beyond 64 bits and give 0 for a DOUBLE of 1e300 or NaN.
   */
  private long integer(int columnIndex, long min, long max, String type) throws SQLException {
    String column = getMetaData().getColumnLabel(columnIndex);
    if (!isNumeric(getMetaData().getColumnType(columnIndex))) {
      long value = super.getLong(columnIndex);
      return ExactNumbers.inRange(value, value, min, max, type, column);
    }
    Object value = super.getObject(columnIndex);
    if (value == null) {
      return 0;
    }
    if (value instanceof Number number) {
      return ExactNumbers.toLong(number, min, max, type, column);
    }
    long plain = super.getLong(columnIndex);
    return ExactNumbers.inRange(plain, plain, min, max, type, column);
  }

  private static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> true;
      case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> true;
      default -> false;
    };
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (type != null && JavaTimeValues.supports(type) && isTime(columnIndex)) {
      return JavaTimeValues.javaTime(wallClock(columnIndex), type);
    }
    return super.getObject(columnIndex, type);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return isTime(columnIndex)
        ? timeValue(columnIndex, localCalendar)
        : super.getObject(columnIndex);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  /**
   * A TIMESTAMP's wall clock placed in the calendar's zone; a TIMESTAMP WITH LOCAL TIME ZONE is an
   * instant already (its number is UTC), so the calendar does not move it.
   */
  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
    if (!isTime(columnIndex)) {
      return super.getTimestamp(columnIndex, calendar);
    }
    LocalDateTime wall = wallClock(columnIndex);
    Calendar zone = isInstant(columnIndex) ? UTC : orLocal(calendar);
    return (Timestamp) JavaTimeValues.sqlValue(Types.TIMESTAMP, wall, zone);
  }

  @Override
  public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
    if (!isTime(columnIndex)) {
      return super.getDate(columnIndex, calendar);
    }
    LocalDateTime wall = wallClock(columnIndex);
    return (Date) JavaTimeValues.sqlValue(Types.DATE, wall, orLocal(calendar));
  }

  @Override
  public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
    if (!isTime(columnIndex)) {
      return super.getTime(columnIndex, calendar);
    }
    LocalDateTime wall = wallClock(columnIndex);
    return (Time) JavaTimeValues.sqlValue(Types.TIME, wall, orLocal(calendar));
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return getTimestamp(columnIndex, localCalendar);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return getDate(columnIndex, localCalendar);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return getTime(columnIndex, localCalendar);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
    return getTimestamp(findColumn(columnLabel), calendar);
  }

  @Override
  public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
    return getDate(findColumn(columnLabel), calendar);
  }

  @Override
  public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
    return getTime(findColumn(columnLabel), calendar);
  }

  /** A DATE, TIME or TIMESTAMP column's value as the java.sql class of its type. */
  private Object timeValue(int columnIndex, Calendar calendar) throws SQLException {
    int type = getMetaData().getColumnType(columnIndex);
    Calendar zone = isInstant(columnIndex) ? UTC : calendar;
    return JavaTimeValues.sqlValue(type, wallClock(columnIndex), zone);
  }

  private boolean isInstant(int columnIndex) throws SQLException {
    return ArrayColumns.LOCAL_TIME_ZONE.equals(getMetaData().getColumnTypeName(columnIndex));
  }

  private Calendar orLocal(Calendar calendar) {
    return calendar == null ? localCalendar : calendar;
  }

  private boolean isTime(int columnIndex) throws SQLException {
    return JavaTimeValues.isTime(getMetaData().getColumnType(columnIndex));
  }

  /** The column's wall-clock value, from the number the engine sent (null for NULL). */
  private LocalDateTime wallClock(int columnIndex) throws SQLException {
    long number = super.getLong(columnIndex);
    return JavaTimeValues.wallClock(
        getMetaData().getColumnType(columnIndex), wasNull() ? null : number);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }
}
