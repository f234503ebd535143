package dev.arrowtap.jdbc;

import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * Reads a column's value as a Java integer type exactly: a DECIMAL or DOUBLE that does not fit
 * (1.2e26, 1e300, NaN, infinity) is SQLState 22003 naming the value and the column, never a wrapped
 * or zero number. A fraction is dropped toward zero, as JDBC's getLong does.
 */
final class ExactNumbers {
  /** SQLState for a value that does not fit the type asked for. */
  static final String OUT_OF_RANGE = "22003";

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private ExactNumbers() {}

  /** A column's numeric value as a long in [{@code min}, {@code max}]. */
  static long toLong(Number value, long min, long max, String type, String column)
      throws SQLException {
    long result;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      result = value.longValue();
    } else if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      // Every double at or beyond 2^63 in size is outside long's range; NaN is no number at all.
      if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
        throw outOfRange(value, type, column);
      }
      result = (long) d;
    } else if (value instanceof BigDecimal decimal) {
      BigDecimal whole = decimal.setScale(0, java.math.RoundingMode.DOWN);
      if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
        throw outOfRange(value, type, column);
      }
      result = whole.longValueExact();
    } else {
      return toLong(new BigDecimal(value.toString()), min, max, type, column);
    }
    return inRange(result, value, min, max, type, column);
  }

  /** {@code result} itself when it lies in [{@code min}, {@code max}]; else 22003. */
  static long inRange(long result, Object value, long min, long max, String type, String column)
      throws SQLException {
    if (result < min || result > max) {
      throw outOfRange(value, type, column);
    }
    return result;
  }

  static SQLException outOfRange(Object value, String type, String column) {
    String shown = value instanceof BigDecimal decimal ? decimal.toString() : String.valueOf(value);
    return new SQLException(
        "value "
            + shown
            + " of column "
            + column
            + " is out of range for "
            + type
            + ("BIGINT".equals(type) ? "; read it with getBigDecimal" : "; read it with getLong"),
        OUT_OF_RANGE);
  }
}
