package dev.arrowtap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The fast exact sum switches to BigDecimal exactly when a long would wrap, either way. */
class ExactSumTest {
  private static BigDecimal sum(long... values) {
    ExactSum sum = new ExactSum();
    ExactSum.Total total = sum.init();
    for (long value : values) {
      total = sum.add(total, value);
    }
    return sum.result(total);
  }

  private static BigDecimal exact(long... values) {
    BigInteger total = BigInteger.ZERO;
    for (long value : values) {
      total = total.add(BigInteger.valueOf(value));
    }
    return new BigDecimal(total);
  }

  @Test
  void matchesBigIntegerArithmeticAcrossTheLongRange() {
    long[][] cases = {
      {},
      {1, 2, 3},
      {Long.MAX_VALUE, 1},
      {Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE},
      {Long.MIN_VALUE, -1},
      {Long.MIN_VALUE, Long.MIN_VALUE, 5},
      {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE},
      {-5, Long.MAX_VALUE, 5, 1},
    };
    for (long[] values : cases) {
      assertEquals(exact(values), sum(values), java.util.Arrays.toString(values));
    }
  }
}
