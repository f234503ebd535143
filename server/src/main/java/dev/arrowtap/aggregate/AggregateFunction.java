package dev.arrowtap.aggregate;

/** The aggregates a task computes partially; the final stage above merges their states. */
public enum AggregateFunction {
  /** {@code count(*)}: rows of the group. */
  COUNT_STAR,
  /** {@code count(col)}: rows whose column is not NULL. */
  COUNT,
  /** {@code sum(col)}: exact for BIGINT (a DECIMAL(38, 0) state) and DECIMAL, NULL if all NULL. */
  SUM,
  MIN,
  MAX
}
