package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * MIN or MAX of BIGINT, DATE, TIMESTAMP, DOUBLE or DECIMAL, compared as stored: signed integers of
 * 4, 8 or 16 bytes (a DECIMAL column has one scale), or doubles.
 */
final class MinMaxFixedAccumulator implements Accumulator {
  private final boolean min;
  private final BaseFixedWidthVector best;
  private final int width;
  private final boolean floating;
  private BaseFixedWidthVector input;
  private int ready;

  MinMaxFixedAccumulator(boolean min, FieldVector state) {
    this.min = min;
    this.best = (BaseFixedWidthVector) state;
    this.width = best.getTypeWidth();
    this.floating = state instanceof Float8Vector;
    if (!(width == 4 || width == 8 || (width == 16 && state instanceof DecimalVector))) {
      throw new IllegalArgumentException("no MIN/MAX over " + state.getField());
    }
  }

  @Override
  public void bind(FieldVector vector) {
    input = (BaseFixedWidthVector) vector;
  }

  @Override
  public void ensure(int groups) {
    FixedStates.ensure(best, ready, groups);
    ready = Math.max(ready, groups);
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    ArrowBuf in = input.getDataBuffer();
    ArrowBuf out = best.getDataBuffer();
    ArrowBuf valid = best.getValidityBuffer();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (input.isNull(row)) {
        continue;
      }
      int group = groupOf[i];
      long from = (long) row * width;
      long to = (long) group * width;
      if (BitVectorHelper.get(valid, group) == 0 || better(in, from, out, to)) {
        out.setBytes(to, in, from, width);
        BitVectorHelper.setBit(valid, group);
      }
    }
  }

  /** Whether the value at {@code a[from]} beats the group's best at {@code b[to]}. */
  private boolean better(ArrowBuf a, long from, ArrowBuf b, long to) {
    int order;
    if (floating) {
      order = Double.compare(a.getDouble(from), b.getDouble(to));
    } else if (width == 4) {
      order = Integer.compare(a.getInt(from), b.getInt(to));
    } else if (width == 8) {
      order = Long.compare(a.getLong(from), b.getLong(to));
    } else {
      order = Long.compare(a.getLong(from + 8), b.getLong(to + 8));
      if (order == 0) {
        order = Long.compareUnsigned(a.getLong(from), b.getLong(to));
      }
    }
    return min ? order < 0 : order > 0;
  }

  @Override
  public FieldVector result(int groups) {
    best.setValueCount(groups);
    return best;
  }

  @Override
  public void close() {
    best.close();
  }
}
