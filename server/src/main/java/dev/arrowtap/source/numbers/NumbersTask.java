package dev.arrowtap.source.numbers;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;

/** One contiguous range of {@code numbers()}: start inclusive, end exclusive. */
public record NumbersTask(long start, long end) implements TaskSpec {
  public NumbersTask {
    if (end < start) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
  }

  @Override
  public String slice() {
    return "[" + start + "-" + end + ")";
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new NumbersBatchReader(this, context);
  }
}
