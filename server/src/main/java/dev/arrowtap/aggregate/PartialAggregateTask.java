package dev.arrowtap.aggregate;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.metrics.ApiUsage;
import dev.arrowtap.metrics.StageOutput;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A task that runs another task and hands on one row per group of its rows instead of the rows
 * themselves: the first stage of an aggregate pushed into a scan. Wherever the task runs (this JVM
 * or a worker), only the groups travel on.
 */
public record PartialAggregateTask(TaskSpec input, PartialAggregateSpec aggregate)
    implements TaskSpec {
  /** The name this task type travels under. */
  public static final String TYPE = "partial_aggregate";

  public PartialAggregateTask {
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(aggregate, "aggregate is null");
  }

  @Override
  public String slice() {
    return input.slice();
  }

  @Override
  public RequestEstimate estimatedRequests() {
    return input.estimatedRequests();
  }

  @Override
  public Optional<ApiUsage.Key> usageKey() {
    return input.usageKey();
  }

  @Override
  public BatchReader open(TaskContext context) throws IOException {
    return new PartialAggregateReader(input, aggregate, context);
  }

  /** Groups, not rows: EXPLAIN ANALYZE shows the rows the source read and the groups sent. */
  @Override
  public StageOutput outputKind() {
    return StageOutput.GROUPS;
  }

  @Override
  public String redact(String text) {
    return input.redact(text);
  }
}
