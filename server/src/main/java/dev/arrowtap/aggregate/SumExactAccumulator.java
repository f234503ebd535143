package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM of BIGINT or of a DECIMAL of at most 18 digits, added in 128 bits (the state vector's own
 * two's-complement words), so no total of fewer than 2^63 rows can wrap: the partial sum is a
 * DECIMAL(38, scale), exact, as the engine's own sum is.
 */
final class SumExactAccumulator implements Accumulator {
  private final boolean decimalInput;
  private final DecimalVector sums;
  private BaseFixedWidthVector input;
  private int ready;

  SumExactAccumulator(boolean decimalInput, DecimalVector sums) {
    this.decimalInput = decimalInput;
    this.sums = sums;
  }

  @Override
  public void bind(FieldVector vector) {
    input = (BaseFixedWidthVector) vector;
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
      long low;
      long high;
      if (decimalInput) {
        low = in.getLong((long) row * 16);
        high = in.getLong((long) row * 16 + 8);
      } else {
        low = in.getLong((long) row * Long.BYTES);
        high = low >> 63;
      }
      int group = groupOf[i];
      long at = (long) group * 16;
      long sumLow = out.getLong(at);
      long newLow = sumLow + low;
      long carry = Long.compareUnsigned(newLow, sumLow) < 0 ? 1 : 0;
      out.setLong(at, newLow);
      out.setLong(at + 8, out.getLong(at + 8) + high + carry);
      BitVectorHelper.setBit(valid, group);
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
