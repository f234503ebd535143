package dev.arrowtap.spark;

import java.io.Serializable;

/**
 * How a partition reads: rows per Arrow batch, the rows it may stop after (-1: all), and how many
 * of the task's columns Spark sees (fewer when a column is read only so that rows flow, as for
 * {@code count(*)}).
 */
record ReadSettings(int batchSize, long limit, int outputColumns) implements Serializable {
  private static final long serialVersionUID = 1L;

  ReadSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    if (outputColumns < 0) {
      throw new IllegalArgumentException("output columns must not be negative: " + outputColumns);
    }
  }
}
