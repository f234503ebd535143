package dev.arrowtap.jdbc.arrow;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.ValueVector;

/** REAL and DOUBLE values, NaN and infinities included, read without boxing. */
final class FloatAccessor extends VectorAccessor {
  private final FloatingPointVector vector;

  FloatAccessor(FloatingPointVector vector, IntSupplier row, boolean[] wasNull) {
    super((ValueVector) vector, row, wasNull);
    this.vector = vector;
  }

  @Override
  public double getDouble() {
    return isNull() ? 0d : vector.getValueAsDouble(row());
  }

  @Override
  public long getLong() {
    return (long) getDouble();
  }

  @Override
  public BigDecimal getBigDecimal() throws SQLException {
    double value = getDouble();
    if (wasNull()) {
      return null;
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new SQLException(
          "the value " + value + " has no DECIMAL form; read it with getDouble", "22003");
    }
    return BigDecimal.valueOf(value);
  }

  @Override
  public Object getObject() {
    double value = getDouble();
    if (wasNull()) {
      return null;
    }
    return vector instanceof Float4Vector ? (Object) (float) value : (Object) value;
  }
}
