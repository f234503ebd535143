package dev.arrowtap.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * The functions arrowtap's generated code calls where Calcite's own would give a wrong answer:
 * strings counted in characters (code points) rather than UTF-16 units, DECIMAL division exact to
 * the result's scale, {@code ABS} that cannot wrap, {@code ROUND} of NaN and the infinities, and
 * the keys that make {@code -0.0} equal {@code 0.0} and sort NaN above every number. Public because
 * Calcite's generated classes call them; {@code @Strict}: a NULL argument gives NULL.
 */
public final class SqlRuntime {
  private SqlRuntime() {}

  /** {@code CHAR_LENGTH(s)}: characters, so an emoji counts once. */
  @Strict
  public static int charLength(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code SUBSTRING(s FROM start)} in characters. */
  @Strict
  public static String substring(String s, int start) {
    int first = Math.max(start, 1);
    if (first > charLength(s)) {
      return "";
    }
    return s.substring(s.offsetByCodePoints(0, first - 1));
  }

  /**
   * {@code SUBSTRING(s FROM start FOR count)} in characters: the characters at positions {@code
   * start} to {@code start + count - 1} that exist (positions count from 1).
   */
  @Strict
  public static String substring(String s, int start, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative substring length not allowed: " + count);
    }
    int length = charLength(s);
    long end = (long) start + count; // exclusive, 1-based
    long first = Math.max(start, 1);
    long last = Math.min(end, (long) length + 1);
    if (first >= last) {
      return "";
    }
    int from = s.offsetByCodePoints(0, (int) first - 1);
    int to = s.offsetByCodePoints(from, (int) (last - first));
    return s.substring(from, to);
  }

  /** {@code POSITION(seek IN s)}: the character position of the first match, or 0. */
  @Strict
  public static int position(String seek, String s) {
    int at = s.indexOf(seek);
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  /** {@code POSITION(seek IN s FROM from)} in characters; a negative start searches backwards. */
  @Strict
  public static int position(String seek, String s, int from) {
    if (from <= 0) {
      return SqlFunctions.position(seek, s, from);
    }
    int length = charLength(s);
    if (from > length + 1) {
      return 0;
    }
    int at = s.indexOf(seek, s.offsetByCodePoints(0, from - 1));
    return at < 0 ? 0 : s.codePointCount(0, at) + 1;
  }

  /**
   * DECIMAL division rounded half up at the result type's scale. Calcite divides with 16
   * significant digits ({@code MathContext.DECIMAL64}) and only then sets the scale, so digits the
   * type promises were zeros.
   */
  @Strict
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor, int scale) {
    if (divisor.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
  }

  /** {@code ABS} of a BIGINT; the smallest BIGINT has no positive counterpart. */
  @Strict
  public static long abs(long value) {
    if (value == Long.MIN_VALUE) {
      throw new ArithmeticException("long overflow: abs(" + value + ")");
    }
    return Math.abs(value);
  }

  /** {@code ABS} of an INTEGER. */
  @Strict
  public static int abs(int value) {
    if (value == Integer.MIN_VALUE) {
      throw new ArithmeticException("integer overflow: abs(" + value + ")");
    }
    return Math.abs(value);
  }

  /** {@code ROUND(x)} of a DOUBLE: NaN and the infinities round to themselves. */
  @Strict
  public static double round(double value) {
    return Double.isFinite(value) ? SqlFunctions.sround(value) : value;
  }

  /** {@code ROUND(x, digits)} of a DOUBLE. */
  @Strict
  public static double round(double value, int digits) {
    return Double.isFinite(value) ? SqlFunctions.sround(value, digits) : value;
  }

  /** A DOUBLE as a grouping or join key: {@code -0.0} becomes {@code 0.0}, which SQL says equal. */
  @Strict
  public static double key(double value) {
    return value == 0.0 ? 0.0 : value;
  }
}
