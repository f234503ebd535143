package dev.arrowtap.metrics;

/** Where a query is in its life. */
public enum QueryState {
  RUNNING,
  FINISHED,
  FAILED,
  CANCELLED
}
