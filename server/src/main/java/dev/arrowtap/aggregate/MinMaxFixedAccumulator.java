package dev.arrowtap.aggregate;

import org.apache.arrow.vector.BaseFixedWidthVector;
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
  private FieldVector input;
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
    input = vector;
  }

  @Override
  public void ensure(int groups) {
    FixedStates.ensure(best, ready, groups);
    ready = Math.max(ready, groups);
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    long in = Raw.data(input);
    long inValid = Raw.validity(input);
    long out = Raw.data(best);
    long outValid = Raw.validity(best);
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (!Raw.isSet(inValid, row)) {
        continue;
      }
      int group = groupOf == null ? 0 : groupOf[i];
      long from = in + (long) row * width;
      long to = out + (long) group * width;
      if (!Raw.isSet(outValid, group) || better(from, to)) {
        if (width == 4) {
          Raw.putInt(to, Raw.getInt(from));
        } else {
          Raw.putLong(to, Raw.getLong(from));
          if (width == 16) {
            Raw.putLong(to + 8, Raw.getLong(from + 8));
          }
        }
        Raw.set(outValid, group);
      }
    }
  }

  /** Whether the value at {@code from} beats the group's best at {@code to}. */
  private boolean better(long from, long to) {
    int order;
    if (floating) {
      order = Double.compare(Raw.getDouble(from), Raw.getDouble(to));
    } else if (width == 4) {
      order = Integer.compare(Raw.getInt(from), Raw.getInt(to));
    } else if (width == 8) {
      order = Long.compare(Raw.getLong(from), Raw.getLong(to));
    } else {
      order = Long.compare(Raw.getLong(from + 8), Raw.getLong(to + 8));
      if (order == 0) {
        order = Long.compareUnsigned(Raw.getLong(from), Raw.getLong(to));
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
