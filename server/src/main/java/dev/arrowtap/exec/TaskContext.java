package dev.arrowtap.exec;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/** What a running task is given: its allocator, batch size, stop signal and metrics. */
public record TaskContext(
    BufferAllocator allocator, int batchSize, BooleanSupplier stopped, TaskMetrics metrics) {
  public TaskContext {
    Objects.requireNonNull(allocator, "allocator is null");
    Objects.requireNonNull(stopped, "stopped is null");
    Objects.requireNonNull(metrics, "metrics is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }

  public boolean isStopped() {
    return stopped.getAsBoolean();
  }
}
