package dev.arrowtap.aggregate;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/** {@code count(*)} or {@code count(col)}: a BIGINT per group, never NULL. */
final class CountAccumulator implements Accumulator {
  private final boolean skipNulls;
  private final BigIntVector counts;
  private FieldVector input;
  private int ready;

  CountAccumulator(boolean skipNulls, BigIntVector counts) {
    this.skipNulls = skipNulls;
    this.counts = counts;
  }

  @Override
  public void bind(FieldVector vector) {
    input = vector;
  }

  @Override
  public void ensure(int groups) {
    FixedStates.ensure(counts, ready, groups);
    for (int g = ready; g < groups; g++) {
      counts.set(g, 0L);
    }
    ready = Math.max(ready, groups);
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    long data = Raw.data(counts);
    long valid = skipNulls ? Raw.validity(input) : 0;
    if (groupOf == null) {
      long n = count;
      if (skipNulls) {
        n = 0;
        for (int i = 0; i < count; i++) {
          n += Raw.isSet(valid, rows[i]) ? 1 : 0;
        }
      }
      Raw.putLong(data, Raw.getLong(data) + n);
      return;
    }
    for (int i = 0; i < count; i++) {
      if (skipNulls && !Raw.isSet(valid, rows[i])) {
        continue;
      }
      long at = data + (long) groupOf[i] * Long.BYTES;
      Raw.putLong(at, Raw.getLong(at) + 1);
    }
  }

  @Override
  public FieldVector result(int groups) {
    counts.setValueCount(groups);
    return counts;
  }

  @Override
  public void close() {
    counts.close();
  }
}
