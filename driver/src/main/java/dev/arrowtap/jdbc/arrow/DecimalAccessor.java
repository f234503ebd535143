package dev.arrowtap.jdbc.arrow;

import java.math.BigDecimal;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.DecimalVector;

/** DECIMAL values, exact to 38 digits. */
final class DecimalAccessor extends VectorAccessor {
  private final DecimalVector vector;

  DecimalAccessor(DecimalVector vector, IntSupplier row, boolean[] wasNull) {
    super(vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public BigDecimal getBigDecimal() {
    return isNull() ? null : vector.getObjectNotNull(row());
  }

  @Override
  public long getLong() {
    BigDecimal value = getBigDecimal();
    return value == null ? 0L : value.longValue();
  }

  @Override
  public double getDouble() {
    BigDecimal value = getBigDecimal();
    return value == null ? 0d : value.doubleValue();
  }

  @Override
  public Object getObject() {
    return getBigDecimal();
  }
}
