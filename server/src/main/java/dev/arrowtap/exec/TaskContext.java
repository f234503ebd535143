package dev.arrowtap.exec;

import dev.arrowtap.metrics.TaskMetrics;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a running task is given: its allocator, batch size, stop signal, metrics and where it runs
 * ({@value #LOCAL} or the worker's address).
 */
public record TaskContext(
    BufferAllocator allocator,
    int batchSize,
    BooleanSupplier stopped,
    TaskMetrics metrics,
    String location) {
  /** The location of a task that runs in the coordinator's JVM. */
  public static final String LOCAL = "local";

  public TaskContext {
    Objects.requireNonNull(allocator, "allocator is null");
    Objects.requireNonNull(stopped, "stopped is null");
    Objects.requireNonNull(metrics, "metrics is null");
    Objects.requireNonNull(location, "location is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }

  public boolean isStopped() {
    return stopped.getAsBoolean();
  }
}
