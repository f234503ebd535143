package dev.arrowtap.spark;

import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.numbers.NumbersTask;

/** A range of {@code numbers(start, end)} as a Spark partition. */
record NumbersPartition(long start, long end, ReadSettings settings) implements ArrowtapPartition {
  private static final long serialVersionUID = 1L;

  @Override
  public String slice() {
    return task().slice();
  }

  @Override
  public TaskSpec task() {
    return new NumbersTask(start, end);
  }
}
