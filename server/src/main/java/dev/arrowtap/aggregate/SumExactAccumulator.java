package dev.arrowtap.aggregate;

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
  private FieldVector input;
  private int ready;

  SumExactAccumulator(boolean decimalInput, DecimalVector sums) {
    this.decimalInput = decimalInput;
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
    int width = decimalInput ? 16 : 8;
    if (groupOf == null) {
      // One group: add in two locals, then once into the state.
      long low = 0;
      long high = 0;
      boolean any = false;
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (!Raw.isSet(inValid, row)) {
          continue;
        }
        long at = in + (long) row * width;
        long value = Raw.getLong(at);
        long newLow = low + value;
        high +=
            (decimalInput ? Raw.getLong(at + 8) : value >> 63)
                + (Long.compareUnsigned(newLow, low) < 0 ? 1 : 0);
        low = newLow;
        any = true;
      }
      if (any) {
        addTo(out, low, high);
        Raw.set(outValid, 0);
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (!Raw.isSet(inValid, row)) {
        continue;
      }
      long at = in + (long) row * width;
      long value = Raw.getLong(at);
      int group = groupOf[i];
      addTo(out + (long) group * 16, value, decimalInput ? Raw.getLong(at + 8) : value >> 63);
      Raw.set(outValid, group);
    }
  }

  /** Adds the 128-bit value (low, high) to the sum at {@code at}. */
  private static void addTo(long at, long low, long high) {
    long sumLow = Raw.getLong(at);
    long newLow = sumLow + low;
    long carry = Long.compareUnsigned(newLow, sumLow) < 0 ? 1 : 0;
    Raw.putLong(at, newLow);
    Raw.putLong(at + 8, Raw.getLong(at + 8) + high + carry);
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
