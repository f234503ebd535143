package dev.arrowtap.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One scan of a query (a stage, numbered from 1 in the order scans start) with its tasks' slices
 * and live counters, in task order, and what its tasks send back ({@link StageOutput}).
 */
public record StageMetrics(
    int stage, String scan, StageOutput output, List<String> slices, List<TaskMetrics> tasks) {
  public StageMetrics {
    Objects.requireNonNull(scan, "scan is null");
    Objects.requireNonNull(output, "output is null");
    slices = List.copyOf(slices);
    tasks = List.copyOf(tasks);
    if (slices.size() != tasks.size()) {
      throw new IllegalArgumentException("one slice per task: " + slices + " vs " + tasks.size());
    }
  }

  public long rows() {
    return tasks.stream().mapToLong(TaskMetrics::rows).sum();
  }

  /** Milliseconds from the first task's start to the last one's end. */
  public long elapsedMillis() {
    return tasks.stream().mapToLong(TaskMetrics::elapsedMillis).max().orElse(0);
  }
}
