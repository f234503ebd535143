package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
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
    ArrowBuf data = counts.getDataBuffer();
    for (int i = 0; i < count; i++) {
      if (skipNulls && input.isNull(rows[i])) {
        continue;
      }
      long at = (long) groupOf[i] * Long.BYTES;
      data.setLong(at, data.getLong(at) + 1);
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
