package dev.arrowtap.jdbc.arrow;

import java.math.BigDecimal;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.BitVector;

/** BOOLEAN values. */
final class BitAccessor extends VectorAccessor {
  private final BitVector vector;

  BitAccessor(BitVector vector, IntSupplier row, boolean[] wasNull) {
    super(vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public boolean getBoolean() {
    return !isNull() && vector.get(row()) != 0;
  }

  @Override
  public long getLong() {
    return getBoolean() ? 1L : 0L;
  }

  @Override
  public double getDouble() {
    return getLong();
  }

  @Override
  public BigDecimal getBigDecimal() {
    long value = getLong();
    return wasNull() ? null : BigDecimal.valueOf(value);
  }

  @Override
  public Object getObject() {
    boolean value = getBoolean();
    return wasNull() ? null : value;
  }
}
