package dev.arrowtap.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@link TaskFilter.InRanges} on one vector type: each row's value is compared with the bounds as
 * stored (integers, doubles, 128-bit decimals at the column's scale, UTF-8 text in Java's order),
 * without making an object per row.
 */
abstract class RangePredicate implements VectorPredicate {
  private final int column;
  private final boolean nullPasses;
  private final int count;
  private final boolean[] hasLower;
  private final boolean[] lowerInclusive;
  private final boolean[] hasUpper;
  private final boolean[] upperInclusive;

  RangePredicate(TaskFilter.InRanges filter) {
    this.column = filter.column();
    this.nullPasses = filter.nullPasses();
    List<TaskFilter.ValueRange> ranges = filter.ranges();
    this.count = ranges.size();
    hasLower = new boolean[count];
    lowerInclusive = new boolean[count];
    hasUpper = new boolean[count];
    upperInclusive = new boolean[count];
    for (int i = 0; i < count; i++) {
      TaskFilter.ValueRange range = ranges.get(i);
      hasLower[i] = range.lower() != null;
      lowerInclusive[i] = range.lowerInclusive();
      hasUpper[i] = range.upper() != null;
      upperInclusive[i] = range.upperInclusive();
    }
  }

  static RangePredicate of(TaskFilter.InRanges filter, ArrowType type) {
    if (type instanceof ArrowType.FloatingPoint) {
      return new Doubles(filter);
    }
    if (type instanceof ArrowType.Decimal decimal) {
      return new Decimals(filter, decimal.getScale());
    }
    if (type instanceof ArrowType.Utf8) {
      return new Texts(filter);
    }
    if (type instanceof ArrowType.Int
        || type instanceof ArrowType.Date
        || type instanceof ArrowType.Timestamp
        || type instanceof ArrowType.Bool) {
      return new Longs(filter);
    }
    throw new IllegalArgumentException("no range filter on " + type);
  }

  /** Binds the batch's vector. */
  abstract void bind(FieldVector vector);

  /** The row's value compared with bound {@code bound} (2i: range i's lower, 2i+1: its upper). */
  abstract int compare(int row, int bound);

  @Override
  public final void evaluate(VectorSchemaRoot batch, int rows, boolean[] out) {
    FieldVector vector = batch.getVector(column);
    bind(vector);
    for (int row = 0; row < rows; row++) {
      if (vector.isNull(row)) {
        out[row] = nullPasses;
        continue;
      }
      boolean pass = false;
      for (int i = 0; i < count && !pass; i++) {
        pass = inRange(row, i);
      }
      out[row] = pass;
    }
  }

  private boolean inRange(int row, int i) {
    if (hasLower[i]) {
      int order = compare(row, 2 * i);
      if (order < 0 || (order == 0 && !lowerInclusive[i])) {
        return false;
      }
    }
    if (hasUpper[i]) {
      int order = compare(row, 2 * i + 1);
      return order < 0 || (order == 0 && upperInclusive[i]);
    }
    return true;
  }

  /** The bound texts in bound order (nulls for unbounded ends). */
  static String[] bounds(TaskFilter.InRanges filter) {
    String[] out = new String[filter.ranges().size() * 2];
    for (int i = 0; i < filter.ranges().size(); i++) {
      out[2 * i] = filter.ranges().get(i).lower();
      out[2 * i + 1] = filter.ranges().get(i).upper();
    }
    return out;
  }

  /** BIGINT, DATE (days), TIMESTAMP (milliseconds) and BOOLEAN (0 or 1). */
  static final class Longs extends RangePredicate {
    private final long[] values;
    private FieldVector vector;
    private ArrowBuf data;
    private int width;

    Longs(TaskFilter.InRanges filter) {
      super(filter);
      String[] texts = bounds(filter);
      values = new long[texts.length];
      for (int i = 0; i < texts.length; i++) {
        if (texts[i] != null) {
          values[i] =
              texts[i].equalsIgnoreCase("true")
                  ? 1
                  : texts[i].equalsIgnoreCase("false") ? 0 : Long.parseLong(texts[i]);
        }
      }
    }

    @Override
    void bind(FieldVector bound) {
      vector = bound;
      if (!(bound instanceof BitVector)) {
        data = ((BaseFixedWidthVector) bound).getDataBuffer();
        width = ((BaseFixedWidthVector) bound).getTypeWidth();
      }
    }

    @Override
    int compare(int row, int bound) {
      long value;
      if (vector instanceof BitVector bits) {
        value = bits.get(row);
      } else {
        value = width == 4 ? data.getInt((long) row * 4) : data.getLong((long) row * 8);
      }
      return Long.compare(value, values[bound]);
    }
  }

  /** DOUBLE. */
  static final class Doubles extends RangePredicate {
    private final double[] values;
    private ArrowBuf data;

    Doubles(TaskFilter.InRanges filter) {
      super(filter);
      String[] texts = bounds(filter);
      values = new double[texts.length];
      for (int i = 0; i < texts.length; i++) {
        if (texts[i] != null) {
          values[i] = Double.parseDouble(texts[i]);
        }
      }
    }

    @Override
    void bind(FieldVector vector) {
      data = ((BaseFixedWidthVector) vector).getDataBuffer();
    }

    @Override
    int compare(int row, int bound) {
      double value = data.getDouble((long) row * Double.BYTES);
      double other = values[bound];
      return value < other ? -1 : value > other ? 1 : 0;
    }
  }

  /**
   * DECIMAL: bounds as 128-bit integers at the column's scale (the planner pushes only literals
   * with no more digits after the point than the column has).
   */
  static final class Decimals extends RangePredicate {
    private final long[] high;
    private final long[] low;
    private ArrowBuf data;

    Decimals(TaskFilter.InRanges filter, int scale) {
      super(filter);
      String[] texts = bounds(filter);
      high = new long[texts.length];
      low = new long[texts.length];
      for (int i = 0; i < texts.length; i++) {
        if (texts[i] != null) {
          BigInteger unscaled = new BigDecimal(texts[i]).setScale(scale).unscaledValue();
          if (unscaled.bitLength() > 127) {
            throw new IllegalArgumentException(texts[i] + " is out of DECIMAL range");
          }
          low[i] = unscaled.longValue();
          high[i] = unscaled.shiftRight(64).longValue();
        }
      }
    }

    @Override
    void bind(FieldVector vector) {
      data = ((BaseFixedWidthVector) vector).getDataBuffer();
    }

    @Override
    int compare(int row, int bound) {
      long at = (long) row * 16;
      int order = Long.compare(data.getLong(at + 8), high[bound]);
      return order != 0 ? order : Long.compareUnsigned(data.getLong(at), low[bound]);
    }
  }

  /** VARCHAR, in Java's string order. */
  static final class Texts extends RangePredicate {
    private final byte[][] values;
    private BaseVariableWidthVector vector;

    Texts(TaskFilter.InRanges filter) {
      super(filter);
      String[] texts = bounds(filter);
      values = new byte[texts.length][];
      for (int i = 0; i < texts.length; i++) {
        values[i] = texts[i] == null ? null : texts[i].getBytes(StandardCharsets.UTF_8);
      }
    }

    @Override
    void bind(FieldVector bound) {
      vector = (BaseVariableWidthVector) bound;
    }

    @Override
    int compare(int row, int bound) {
      return Utf16Order.compare(
          vector.getDataBuffer(),
          vector.getStartOffset(row),
          vector.getStartOffset(row + 1),
          values[bound]);
    }
  }
}
