package dev.arrowtap.aggregate;

import java.util.Objects;

/**
 * One aggregate of a partial aggregation.
 *
 * @param column the input column it reads (an ordinal into the task's batches), or -1 for {@code
 *     count(*)}
 */
public record PartialCall(AggregateFunction function, int column) {
  public PartialCall {
    Objects.requireNonNull(function, "function is null");
    if ((function == AggregateFunction.COUNT_STAR) != (column < 0)) {
      throw new IllegalArgumentException(function + " cannot read column " + column);
    }
  }
}
