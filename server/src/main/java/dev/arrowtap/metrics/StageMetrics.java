package dev.arrowtap.metrics;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scan of a query (a stage, numbered from 1 in the order scans start) with its tasks' slices
 * and live counters, in task order, and what its tasks send back ({@link StageOutput}).
 *
 * @param estimatedRequests the HTTP requests the plan estimated for this scan, -1 until known
 */
public record StageMetrics(
    int stage,
    String scan,
    StageOutput output,
    List<String> slices,
    List<TaskMetrics> tasks,
    AtomicLong estimatedRequests) {
  /** A stage whose request estimate is not known yet. */
  public StageMetrics(
      int stage, String scan, StageOutput output, List<String> slices, List<TaskMetrics> tasks) {
    this(stage, scan, output, slices, tasks, new AtomicLong(-1));
  }

  public StageMetrics {
    Objects.requireNonNull(scan, "scan is null");
    Objects.requireNonNull(output, "output is null");
    slices = List.copyOf(slices);
    tasks = List.copyOf(tasks);
    if (slices.size() != tasks.size()) {
      throw new IllegalArgumentException("one slice per task: " + slices + " vs " + tasks.size());
    }
  }

  /**
   * Records the plan's estimate of this scan's requests, once: a scan run again for every batch of
   * a lookup keeps its first.
   *
   * @return true when this call recorded it
   */
  public boolean noteEstimatedRequests(long estimate) {
    return estimate >= 0 && estimatedRequests.compareAndSet(-1, estimate);
  }

  /** HTTP requests the stage's tasks sent so far. */
  public long httpRequests() {
    return tasks.stream().mapToLong(TaskMetrics::httpRequests).sum();
  }

  public long rows() {
    return tasks.stream().mapToLong(TaskMetrics::rows).sum();
  }

  /** Milliseconds from the first task's start to the last one's end. */
  public long elapsedMillis() {
    return tasks.stream().mapToLong(TaskMetrics::elapsedMillis).max().orElse(0);
  }
}
