package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/** SUM of DOUBLE, NULL for a group whose values are all NULL. */
final class SumDoubleAccumulator implements Accumulator {
  private final Float8Vector sums;
  private Float8Vector input;
  private int ready;

  SumDoubleAccumulator(Float8Vector sums) {
    this.sums = sums;
  }

  @Override
  public void bind(FieldVector vector) {
    input = (Float8Vector) vector;
  }

  @Override
  public void ensure(int groups) {
    FixedStates.ensure(sums, ready, groups);
    ready = Math.max(ready, groups);
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    ArrowBuf in = input.getDataBuffer();
    ArrowBuf out = sums.getDataBuffer();
    ArrowBuf valid = sums.getValidityBuffer();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (input.isNull(row)) {
        continue;
      }
      long at = (long) groupOf[i] * Double.BYTES;
      out.setDouble(at, out.getDouble(at) + in.getDouble((long) row * Double.BYTES));
      BitVectorHelper.setBit(valid, groupOf[i]);
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
