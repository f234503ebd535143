package dev.arrowtap.aggregate;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.exec.SourceLengths;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.exec.TaskSplit;
import dev.arrowtap.metrics.ApiUsage;
import dev.arrowtap.metrics.StageOutput;
import java.io.IOException;
import java.util.List;
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
  public RequestEstimate estimatedRequests(SourceLengths seen) {
    return input.estimatedRequests(seen);
  }

  @Override
  public Optional<String> lengthKey() {
    return input.lengthKey();
  }

  @Override
  public Optional<ApiUsage.Key> usageKey() {
    return input.usageKey();
  }

  @Override
  public BatchReader open(TaskContext context) throws IOException {
    return new PartialAggregateReader(input, aggregate, context);
  }

  /** Each part of the input computes its own groups; the merge above adds them up. */
  @Override
  public List<TaskSpec> split(TaskSplit how) {
    List<TaskSpec> parts = input.split(how);
    if (parts.size() == 1 && parts.get(0) == input) {
      return List.of(this);
    }
    return parts.stream()
        .map(part -> (TaskSpec) new PartialAggregateTask(part, aggregate))
        .toList();
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
