package dev.arrowtap.exec;

import dev.arrowtap.metrics.TaskMetrics;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a task may use to cut itself into several when its scan starts (or when EXPLAIN shows it),
 * once something it reads first tells how large it is.
 *
 * @param slots the most tasks it may become: the workers in rotation, or 1 where it runs alone
 * @param allocator memory for what it reads to decide (a feed's first page)
 * @param metrics where that reading counts; the scan adds it to the first task's figures
 * @param stopped true once the query no longer wants the result
 * @param preview true for EXPLAIN: whatever is read is kept for the scan that may follow
 */
public record TaskSplit(
    int slots,
    BufferAllocator allocator,
    int batchSize,
    TaskMetrics metrics,
    BooleanSupplier stopped,
    boolean preview) {
  public TaskSplit {
    Objects.requireNonNull(allocator, "allocator is null");
    Objects.requireNonNull(metrics, "metrics is null");
    Objects.requireNonNull(stopped, "stopped is null");
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be positive: " + slots);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }

  /** The context a task's reading runs in while it decides, in this JVM. */
  public TaskContext context() {
    return new TaskContext(allocator, batchSize, stopped, metrics, TaskContext.LOCAL);
  }
}
