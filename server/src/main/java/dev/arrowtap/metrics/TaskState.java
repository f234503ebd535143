package dev.arrowtap.metrics;

/** Where a task is in its life. */
public enum TaskState {
  PENDING,
  RUNNING,
  /** Produced its whole slice. */
  FINISHED,
  /** Stopped early because the query needed no more rows (LIMIT, result closed). */
  STOPPED,
  CANCELLED,
  FAILED;

  public boolean isDone() {
    return this != PENDING && this != RUNNING;
  }
}
