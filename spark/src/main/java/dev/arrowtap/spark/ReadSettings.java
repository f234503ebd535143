package dev.arrowtap.spark;

import java.io.Serializable;

/**
 * How a partition reads: rows per Arrow batch, the rows it may stop after (-1: all), how many of
 * the task's columns Spark sees (fewer when a column is read only so that rows flow, as for {@code
 * count(*)}), and among how many executor processes the tables' rate limits are shared out.
 */
record ReadSettings(int batchSize, long limit, int outputColumns, int shares)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  ReadSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    if (outputColumns < 0) {
      throw new IllegalArgumentException("output columns must not be negative: " + outputColumns);
    }
    if (shares < 1) {
      throw new IllegalArgumentException("shares must be positive: " + shares);
    }
  }
}
