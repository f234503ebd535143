package dev.arrowtap.jdbc.arrow;

import java.math.BigDecimal;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.ValueVector;

/** TINYINT, SMALLINT, INTEGER and BIGINT values, read as longs without boxing. */
final class IntAccessor extends VectorAccessor {
  private final BaseIntVector vector;

  IntAccessor(BaseIntVector vector, IntSupplier row, boolean[] wasNull) {
    super((ValueVector) vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public long getLong() {
    return isNull() ? 0L : vector.getValueAsLong(row());
  }

  @Override
  public double getDouble() {
    return getLong();
  }

  @Override
  public float getFloat() {
    return getLong();
  }

  @Override
  public BigDecimal getBigDecimal() {
    long value = getLong();
    return wasNull() ? null : BigDecimal.valueOf(value);
  }

  @Override
  public String getString() {
    long value = getLong();
    return wasNull() ? null : Long.toString(value);
  }

  /** The class JDBC gives each width: Byte, Short, Integer or Long. */
  @Override
  public Object getObject() {
    long value = getLong();
    if (wasNull()) {
      return null;
    }
    if (vector instanceof BigIntVector) {
      return value;
    }
    if (vector instanceof IntVector) {
      return (int) value;
    }
    if (vector instanceof SmallIntVector) {
      return (short) value;
    }
    return (byte) value;
  }
}
