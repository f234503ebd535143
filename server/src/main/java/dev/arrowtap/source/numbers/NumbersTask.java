package dev.arrowtap.source.numbers;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import java.util.Optional;

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

  /** Numbers come in order, so the rest of the range is simply a later start. */
  @Override
  public Optional<TaskSpec> remainder(long rowsDelivered) {
    if (rowsDelivered < 0 || rowsDelivered > end - start) {
      return Optional.empty();
    }
    return Optional.of(new NumbersTask(start + rowsDelivered, end));
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new NumbersBatchReader(this, context);
  }
}
