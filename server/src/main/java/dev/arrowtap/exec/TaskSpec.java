package dev.arrowtap.exec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.arrowtap.metrics.ApiUsage;
import dev.arrowtap.metrics.StageOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A self-contained description of one slice of a scan: everything needed to produce its batches, in
 * this JVM or on a worker. Implementations are records that Jackson can write and read, registered
 * by name with {@link TaskCodec#register}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface TaskSpec {
  /** The slice in plan notation, such as {@code [0-6)} or {@code pages 1-3}. */
  String slice();

  /** Starts producing this slice's batches. */
  BatchReader open(TaskContext context) throws IOException;

  /**
   * The rest of this slice after its first {@code rowsDelivered} rows, when the slice produces its
   * rows in a fixed order and can start part-way; empty (the default) when it cannot. A task whose
   * worker fails after delivering rows is resumed elsewhere from here, without duplicates.
   */
  default Optional<TaskSpec> remainder(long rowsDelivered) {
    return Optional.empty();
  }

  /**
   * This task cut into tasks that together produce exactly its rows, at most {@code how.slots()};
   * itself alone (the default) when it cannot be cut. Called when the scan starts, so a task may
   * read what tells its size first (a feed's first page) and hand it to the task that needs it.
   */
  default List<TaskSpec> split(TaskSplit how) {
    return List.of(this);
  }

  /**
   * Why this task is never cut by {@link #split} (EXPLAIN says it on a scan that stays one task),
   * or empty when it may be, or when the question does not arise.
   */
  default Optional<String> whyWhole() {
    return Optional.empty();
  }

  /**
   * What the task sends back: its source's rows (the default), or fewer rows computed from them,
   * such as a partial aggregate's groups; EXPLAIN ANALYZE then shows rows in and groups out.
   */
  default StageOutput outputKind() {
    return StageOutput.ROWS;
  }

  /** The text with the secrets this task carries (a feed's credentials) masked, for logs. */
  /**
   * The table and host whose API this task's requests go to, for the engine's per-table counters;
   * empty for a task that sends no HTTP request.
   */
  default Optional<ApiUsage.Key> usageKey() {
    return Optional.empty();
  }

  /**
   * The HTTP requests this task is expected to send, from what the engine's earlier tasks learned
   * of the source's length; none by default.
   */
  default RequestEstimate estimatedRequests(SourceLengths seen) {
    return RequestEstimate.NONE;
  }

  /**
   * The name under which what this task learns of its source's length is kept for later estimates
   * (the same for every task that reads the same source with the same parameters); none by default.
   */
  default Optional<String> lengthKey() {
    return Optional.empty();
  }

  default String redact(String text) {
    return text;
  }
}
