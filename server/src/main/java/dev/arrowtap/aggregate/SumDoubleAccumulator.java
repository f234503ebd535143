package dev.arrowtap.aggregate;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/** SUM of DOUBLE, NULL for a group whose values are all NULL. */
final class SumDoubleAccumulator implements Accumulator {
  private final Float8Vector sums;
  private FieldVector input;
  private int ready;

  SumDoubleAccumulator(Float8Vector sums) {
    this.sums = sums;
  }

  @Override
  public void bind(FieldVector vector) {
    input = vector;
  }

  @Override
  public void ensure(int groups) {
    FixedStates.ensure(sums, ready, groups);
    ready = Math.max(ready, groups);
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    long in = Raw.data(input);
    long inValid = Raw.validity(input);
    long out = Raw.data(sums);
    long outValid = Raw.validity(sums);
    if (groupOf == null) {
      // Added in row order, as the rows come: the same order a single group's sum always had.
      double sum = Raw.getDouble(out);
      boolean any = false;
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (Raw.isSet(inValid, row)) {
          sum += Raw.getDouble(in + (long) row * Double.BYTES);
          any = true;
        }
      }
      if (any) {
        Raw.putDouble(out, sum);
        Raw.set(outValid, 0);
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (!Raw.isSet(inValid, row)) {
        continue;
      }
      long at = out + (long) groupOf[i] * Double.BYTES;
      Raw.putDouble(at, Raw.getDouble(at) + Raw.getDouble(in + (long) row * Double.BYTES));
      Raw.set(outValid, groupOf[i]);
    }
  }

  @Override
  public FieldVector result(int groups) {
    sums.setValueCount(groups);
    return sums;
  }

  @Override
  public void close() {
    sums.close();
  }
}
