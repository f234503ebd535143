package dev.arrowtap.spark;

import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Spark TIMESTAMP_NTZ column over an arrowtap millisecond timestamp vector, without copying:
 * Spark asks for microseconds, so each value is scaled as it is read.
 */
final class TimestampMillisColumnVector extends ColumnVector {
  private final TimeStampVector millis;

  TimestampMillisColumnVector(TimeStampVector millis) {
    // A zone on the Arrow type marks TIMESTAMP WITH LOCAL TIME ZONE: an instant, Spark's TIMESTAMP.
    super(
        millis.getField().getType() instanceof ArrowType.Timestamp t && t.getTimezone() != null
            ? DataTypes.TimestampType
            : DataTypes.TimestampNTZType);
    this.millis = millis;
  }

  @Override
  public long getLong(int rowId) {
    return millis.get(rowId) * 1000L;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return millis.isNull(rowId);
  }

  @Override
  public boolean hasNull() {
    return millis.getNullCount() > 0;
  }

  @Override
  public int numNulls() {
    return millis.getNullCount();
  }

  /** The vector belongs to the task's reader, which frees it; Spark's close must not. */
  @Override
  public void close() {}

  @Override
  public boolean getBoolean(int rowId) {
    throw unsupported();
  }

  @Override
  public byte getByte(int rowId) {
    throw unsupported();
  }

  @Override
  public short getShort(int rowId) {
    throw unsupported();
  }

  @Override
  public int getInt(int rowId) {
    throw unsupported();
  }

  @Override
  public float getFloat(int rowId) {
    throw unsupported();
  }

  @Override
  public double getDouble(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnarMap getMap(int rowId) {
    throw unsupported();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw unsupported();
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    throw unsupported();
  }

  @Override
  public byte[] getBinary(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("a timestamp column is read with getLong");
  }
}
