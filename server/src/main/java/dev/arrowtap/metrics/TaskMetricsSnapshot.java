package dev.arrowtap.metrics;

import java.util.List;

/**
 * One task's figures at one moment: a row of {@code sys.task_metrics}.
 *
 * @param rows rows (or a partial aggregate's groups) the task handed to the coordinator
 * @param rowsIn rows the task read from its source
 */
public record TaskMetricsSnapshot(
    long queryId,
    int stage,
    int task,
    String scan,
    String slice,
    String worker,
    String state,
    int attempts,
    long rows,
    long batches,
    long arrowBytes,
    long httpRequests,
    long httpBytes,
    long retries,
    long firstBatchMillis,
    long elapsedMillis,
    long peakMemory,
    String error,
    long startOffsetMillis,
    List<String> notes,
    long rateLimitWaits,
    long rateLimitWaitMillis,
    long cacheHits,
    long rowsIn) {

  /** Reads a task's live counters. */
  public static TaskMetricsSnapshot of(long queryId, StageMetrics stage, int task) {
    return of(queryId, 0, stage, task);
  }

  /**
   * Reads a task's live counters, with its start as an offset from the query's start.
   *
   * @param queryStartMillis the query's start (epoch millis), or 0 when unknown
   */
  public static TaskMetricsSnapshot of(
      long queryId, long queryStartMillis, StageMetrics stage, int task) {
    TaskMetrics m = stage.tasks().get(task);
    return new TaskMetricsSnapshot(
        queryId,
        stage.stage(),
        task,
        stage.scan(),
        stage.slices().get(task),
        m.location().isEmpty() ? null : m.location(),
        m.state().name(),
        m.attempts(),
        m.rows(),
        m.batches(),
        m.arrowBytes(),
        m.httpRequests(),
        m.httpBytes(),
        m.retries(),
        m.firstBatchMillis(),
        m.elapsedMillis(),
        m.peakMemory(),
        m.error(),
        m.startedAtMillis() == 0 || queryStartMillis == 0
            ? -1
            : Math.max(0, m.startedAtMillis() - queryStartMillis),
        m.notes(),
        m.rateLimitWaits(),
        m.rateLimitWaitMillis(),
        m.cacheHits(),
        m.rowsIn());
  }

  /** The values in {@code sys.task_metrics} column order. */
  public Object[] toRow() {
    return new Object[] {
      queryId,
      stage,
      task,
      scan,
      slice,
      worker,
      state,
      attempts,
      rows,
      batches,
      arrowBytes,
      httpRequests,
      httpBytes,
      retries,
      firstBatchMillis < 0 ? null : firstBatchMillis,
      elapsedMillis,
      peakMemory,
      error,
      startOffsetMillis < 0 ? null : startOffsetMillis,
      notes.isEmpty() ? null : String.join("; ", notes),
      rateLimitWaits,
      rateLimitWaitMillis,
      cacheHits,
      rowsIn
    };
  }
}
