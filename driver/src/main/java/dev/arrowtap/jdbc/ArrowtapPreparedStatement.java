package dev.arrowtap.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;

/** A prepared statement on an arrowtap connection; parameters bind through Avatica's sites. */
public class ArrowtapPreparedStatement extends AvaticaPreparedStatement
    implements ArrowtapStatement {
  ArrowtapPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    ResultSet[] result = new ResultSet[1];
    controlled(() -> result[0] = super.executeQuery());
    return result[0];
  }

  @Override
  public boolean execute() throws SQLException {
    boolean[] result = new boolean[1];
    controlled(() -> result[0] = super.execute());
    return result[0];
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    long[] result = new long[1];
    controlled(() -> result[0] = super.executeLargeUpdate());
    return result[0];
  }

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

  /** 0 is "no hint": the connection's {@code fetch_size} applies (see {@link FetchSizes}). */
  @Override
  public void setFetchSize(int rows) throws SQLException {
    super.setFetchSize(FetchSizes.effective(connection, rows));
  }

  /** Runs an execution under the query timeout, with the engine's own error messages. */
  private void controlled(QueryControl.Work work) throws SQLException {
    cancelFlag.set(false);
    try {
      try {
        QueryControl.withTimeout(getQueryTimeout(), this::cancel, work);
      } catch (SQLException e) {
        if (!(e.getCause() instanceof NoSuchStatementException)) {
          throw e;
        }
        // The server lost the statement (it restarted): prepare it again, once, and rerun.
        ((ArrowtapConnection) connection).prepareAgain(this, getSignature().sql);
        QueryControl.withTimeout(getQueryTimeout(), this::cancel, work);
      }
    } catch (SQLException e) {
      throw ClientErrors.clean(e);
    } catch (RuntimeException e) {
      throw ClientErrors.clean(e);
    }
  }

  /**
   * Stops the running query on the engine, then here; safe to call from another thread. Not
   * synchronized, for the reason {@link ArrowtapStatement#cancel} gives.
   */
  @Override
  @SuppressWarnings("UnsynchronizedOverridesSynchronized")
  public void cancel() throws SQLException {
    if (isClosed()) {
      return;
    }
    QueryControl.cancelOnEngine(connection, getId());
    super.cancel();
  }

  /**
   * Also takes java.time values (converted to UTC wall-clock time, arrowtap's TIMESTAMP rule) and
   * Java arrays such as {@code Long[]} or {@code long[]} (bound as an SQL ARRAY).
   */
  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    if (!bindSpecial(parameterIndex, x)) {
      super.setObject(parameterIndex, x);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    if (!bindSpecial(parameterIndex, x)) {
      super.setObject(parameterIndex, x, targetSqlType);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    if (!bindSpecial(parameterIndex, x)) {
      super.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }
  }

  private boolean bindSpecial(int parameterIndex, Object x) throws SQLException {
    if (x instanceof Array array) {
      // Avatica's own setObject cannot serialize an Array; setArray can.
      setArray(parameterIndex, array);
      return true;
    }
    if (x instanceof Timestamp timestamp && isInstant(parameterIndex)) {
      bindInstant(parameterIndex, timestamp);
      return true;
    }
    if ((x instanceof Double || x instanceof Float)
        && !Double.isFinite(((Number) x).doubleValue())) {
      bindSpecialDouble(parameterIndex, ((Number) x).doubleValue());
      return true;
    }
    TypedValue time = JavaTimeValues.parameter(x);
    if (time == null) {
      time = JavaTimeValues.parameter(x, connection.getTimeZone());
    }
    if (time != null) {
      getSite(parameterIndex);
      slots[parameterIndex - 1] = time;
      return true;
    }
    Array array = JavaArrays.toSqlArray(connection, x);
    if (array != null) {
      setArray(parameterIndex, array);
      return true;
    }
    return false;
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    if (Double.isFinite(x)) {
      super.setDouble(parameterIndex, x);
    } else {
      bindSpecialDouble(parameterIndex, x);
    }
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    if (Float.isFinite(x)) {
      super.setFloat(parameterIndex, x);
    } else {
      bindSpecialDouble(parameterIndex, x);
    }
  }

  /**
   * NaN and the infinities as their names: JSON has no such numbers, and the engine reads the name
   * back as the double for a DOUBLE {@code ?} (and refuses it for a DECIMAL one with 22003).
   */
  private void bindSpecialDouble(int parameterIndex, double x) throws SQLException {
    getSite(parameterIndex);
    slots[parameterIndex - 1] = TypedValue.ofLocal(ColumnMetaData.Rep.STRING, Double.toString(x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    setTimestamp(parameterIndex, x, null);
  }

  /** Reads the timestamp's wall clock in the calendar's zone (the connection's when null). */
  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar calendar) throws SQLException {
    bindInZone(parameterIndex, x, calendar, Types.TIMESTAMP);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    setDate(parameterIndex, x, null);
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar calendar) throws SQLException {
    bindInZone(parameterIndex, x, calendar, Types.DATE);
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    setTime(parameterIndex, x, null);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar calendar) throws SQLException {
    bindInZone(parameterIndex, x, calendar, Types.TIME);
  }

  private void bindInZone(int parameterIndex, java.util.Date x, Calendar calendar, int sqlType)
      throws SQLException {
    if (x == null) {
      getSite(parameterIndex).setNull(sqlType);
      return;
    }
    if (x instanceof Timestamp timestamp && isInstant(parameterIndex)) {
      bindInstant(parameterIndex, timestamp);
      return;
    }
    TimeZone zone = calendar == null ? connection.getTimeZone() : calendar.getTimeZone();
    getSite(parameterIndex);
    slots[parameterIndex - 1] = JavaTimeValues.parameter(x, zone);
  }

  /**
   * True when the {@code ?} is a TIMESTAMP WITH LOCAL TIME ZONE (compared with a {@code
   * timestamptz} column): an instant, so a {@code java.sql.Timestamp} binds as the instant it
   * denotes, the one {@code getTimestamp} gave, as PostgreSQL's driver does, rather than as its
   * wall clock.
   */
  private boolean isInstant(int parameterIndex) {
    List<AvaticaParameter> parameters = getSignature().parameters;
    return parameterIndex >= 1
        && parameterIndex <= parameters.size()
        && ArrayColumns.LOCAL_TIME_ZONE_PARAMETER.equals(
            parameters.get(parameterIndex - 1).typeName);
  }

  private void bindInstant(int parameterIndex, Timestamp timestamp) throws SQLException {
    getSite(parameterIndex);
    slots[parameterIndex - 1] =
        TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP, timestamp.getTime());
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    getSite(parameterIndex).setClob(x);
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    getSite(parameterIndex).setBlob(x);
  }
}
