package dev.arrowtap.jdbc.arrow;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.ValueVector;
import org.apache.calcite.avatica.util.Cursor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/**
 * Reads one column of the current row straight from its Arrow vector. Conversions a type does not
 * support fail as Avatica's accessors do, with SQLState 22000; subclasses read their vector type.
 */
abstract class VectorAccessor implements Cursor.Accessor {
  private final ValueVector vector;
  private final IntSupplier row;
  private final boolean[] wasNull;

  VectorAccessor(ValueVector vector, IntSupplier row, boolean[] wasNull) {
    this.vector = vector;
    this.row = row;
    this.wasNull = wasNull;
  }

  /** The current row's index in the batch. */
  final int row() {
    return row.getAsInt();
  }

  /** True when the current row's value is NULL; remembered for {@code wasNull()}. */
  final boolean isNull() {
    boolean isNull = vector.isNull(row.getAsInt());
    wasNull[0] = isNull;
    return isNull;
  }

  final SQLException cannotConvert(String target) {
    return new SQLDataException(
        "cannot convert a " + vector.getField().getType() + " value to " + target, "22000");
  }

  @Override
  public boolean wasNull() {
    return wasNull[0];
  }

  @Override
  public String getString() throws SQLException {
    Object value = getObject();
    return value == null ? null : value.toString();
  }

  @Override
  public boolean getBoolean() throws SQLException {
    return getLong() != 0L;
  }

  @Override
  public byte getByte() throws SQLException {
    return (byte) getLong();
  }

  @Override
  public UByte getUByte() throws SQLException {
    return UByte.valueOf(getLong());
  }

  @Override
  public short getShort() throws SQLException {
    return (short) getLong();
  }

  @Override
  public UShort getUShort() throws SQLException {
    return UShort.valueOf((int) getLong());
  }

  @Override
  public int getInt() throws SQLException {
    return (int) getLong();
  }

  @Override
  public UInteger getUInt() throws SQLException {
    return UInteger.valueOf(getLong());
  }

  @Override
  public long getLong() throws SQLException {
    throw cannotConvert("long");
  }

  @Override
  public ULong getULong() throws SQLException {
    BigDecimal value = getBigDecimal();
    return value == null ? null : ULong.valueOf(value.toBigInteger());
  }

  @Override
  public float getFloat() throws SQLException {
    return (float) getDouble();
  }

  @Override
  public double getDouble() throws SQLException {
    throw cannotConvert("double");
  }

  @Override
  public BigDecimal getBigDecimal() throws SQLException {
    throw cannotConvert("BigDecimal");
  }

  @Override
  public BigDecimal getBigDecimal(int scale) throws SQLException {
    BigDecimal value = getBigDecimal();
    return value == null ? null : value.setScale(scale, java.math.RoundingMode.DOWN);
  }

  @Override
  public byte[] getBytes() throws SQLException {
    throw cannotConvert("byte[]");
  }

  @Override
  public InputStream getAsciiStream() throws SQLException {
    throw cannotConvert("InputStream");
  }

  @Override
  public InputStream getUnicodeStream() throws SQLException {
    throw cannotConvert("InputStream");
  }

  @Override
  public InputStream getBinaryStream() throws SQLException {
    throw cannotConvert("InputStream");
  }

  @Override
  public Reader getCharacterStream() throws SQLException {
    String value = getString();
    return value == null ? null : new java.io.StringReader(value);
  }

  @Override
  public Object getObject(Map<String, Class<?>> map) throws SQLException {
    return getObject();
  }

  @Override
  public Ref getRef() throws SQLException {
    throw cannotConvert("Ref");
  }

  @Override
  public Blob getBlob() throws SQLException {
    throw cannotConvert("Blob");
  }

  @Override
  public Clob getClob() throws SQLException {
    throw cannotConvert("Clob");
  }

  @Override
  public Array getArray() throws SQLException {
    throw cannotConvert("Array");
  }

  @Override
  public Struct getStruct() throws SQLException {
    throw cannotConvert("Struct");
  }

  @Override
  public Date getDate(Calendar calendar) throws SQLException {
    throw cannotConvert("Date");
  }

  @Override
  public Time getTime(Calendar calendar) throws SQLException {
    throw cannotConvert("Time");
  }

  @Override
  public Timestamp getTimestamp(Calendar calendar) throws SQLException {
    throw cannotConvert("Timestamp");
  }

  @Override
  public URL getURL() throws SQLException {
    throw cannotConvert("URL");
  }

  @Override
  public NClob getNClob() throws SQLException {
    throw cannotConvert("NClob");
  }

  @Override
  public SQLXML getSQLXML() throws SQLException {
    throw cannotConvert("SQLXML");
  }

  @Override
  public String getNString() throws SQLException {
    return getString();
  }

  @Override
  public Reader getNCharacterStream() throws SQLException {
    return getCharacterStream();
  }

  /** The value as the class asked for, by the getter of that class; NULL is null. */
  @Override
  public <T> T getObject(Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class, not null", "22023");
    }
    Object value = getObject();
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    Object converted;
    if (type == String.class) {
      converted = getString();
    } else if (type == Long.class || type == long.class) {
      converted = getLong();
    } else if (type == Integer.class || type == int.class) {
      converted = getInt();
    } else if (type == Short.class || type == short.class) {
      converted = getShort();
    } else if (type == Byte.class || type == byte.class) {
      converted = getByte();
    } else if (type == Double.class || type == double.class) {
      converted = getDouble();
    } else if (type == Float.class || type == float.class) {
      converted = getFloat();
    } else if (type == Boolean.class || type == boolean.class) {
      converted = getBoolean();
    } else if (type == BigDecimal.class) {
      converted = getBigDecimal();
    } else if (type == byte[].class) {
      converted = getBytes();
    } else if (type == Date.class) {
      converted = getDate(null);
    } else if (type == Time.class) {
      converted = getTime(null);
    } else if (type == Timestamp.class) {
      converted = getTimestamp(null);
    } else if (type == Array.class) {
      converted = getArray();
    } else {
      throw cannotConvert(type.getName());
    }
    @SuppressWarnings("unchecked")
    T result = (T) converted;
    return result;
  }
}
