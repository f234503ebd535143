package dev.arrowtap.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One stage's figures at one moment, with its tasks' snapshots in task order.
 *
 * @param estimatedRequests the HTTP requests the plan estimated, or -1 when it did not
 */
public record StageSnapshot(
    int stage,
    String scan,
    StageOutput output,
    long elapsedMillis,
    List<TaskMetricsSnapshot> tasks,
    long estimatedRequests) {
  public StageSnapshot {
    Objects.requireNonNull(scan, "scan is null");
    Objects.requireNonNull(output, "output is null");
    tasks = List.copyOf(tasks);
  }

  /** A stage whose requests were not estimated. */
  public StageSnapshot(
      int stage,
      String scan,
      StageOutput output,
      long elapsedMillis,
      List<TaskMetricsSnapshot> tasks) {
    this(stage, scan, output, elapsedMillis, tasks, -1);
  }

  /** Reads a stage's live counters. */
  public static StageSnapshot of(long queryId, long queryStartMillis, StageMetrics stage) {
    List<TaskMetricsSnapshot> tasks =
        java.util.stream.IntStream.range(0, stage.tasks().size())
            .mapToObj(task -> TaskMetricsSnapshot.of(queryId, queryStartMillis, stage, task))
            .toList();
    return new StageSnapshot(
        stage.stage(),
        stage.scan(),
        stage.output(),
        stage.elapsedMillis(),
        tasks,
        stage.estimatedRequests().get());
  }

  /** HTTP requests the stage's tasks sent. */
  public long httpRequests() {
    return tasks.stream().mapToLong(TaskMetricsSnapshot::httpRequests).sum();
  }

  /** Rows the stage's tasks read from their source. */
  public long rowsIn() {
    return tasks.stream().mapToLong(TaskMetricsSnapshot::rowsIn).sum();
  }

  /** Rows (or groups) the stage's tasks handed to the coordinator. */
  public long rowsOut() {
    return tasks.stream().mapToLong(TaskMetricsSnapshot::rows).sum();
  }
}
