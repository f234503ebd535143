package dev.arrowtap.exec;

import java.util.Objects;

/**
 * What a coordinator sends a worker to run one task: the task, the Arrow schema of its batches (as
 * Arrow's JSON), the batch size and, for the worker's logs and metrics, where it belongs.
 */
public record TaskTicket(
    long queryId, int stage, int task, int batchSize, String schema, TaskSpec spec) {
  public TaskTicket {
    Objects.requireNonNull(schema, "schema is null");
    Objects.requireNonNull(spec, "spec is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }

  /** Names the task in messages: {@code query 7 stage 1 task t2}. */
  public String describe() {
    return "query " + queryId + " stage " + stage + " task t" + task;
  }
}
