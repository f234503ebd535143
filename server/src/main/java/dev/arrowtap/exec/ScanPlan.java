package dev.arrowtap.exec;

import dev.arrowtap.types.TableShape;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A scan ready to run: what it reads (for plans and errors), the shape of its output and the tasks
 * that together produce every row exactly once.
 *
 * @param queryMemoryLimit the session's Arrow memory limit for the whole query, in bytes; the
 *     server's limit applies when it is lower
 */
public record ScanPlan(
    String label, TableShape shape, List<TaskSpec> tasks, int batchSize, long queryMemoryLimit) {
  /** A scan under the server's query memory limit. */
  public ScanPlan(String label, TableShape shape, List<TaskSpec> tasks, int batchSize) {
    this(label, shape, tasks, batchSize, Long.MAX_VALUE);
  }

  public ScanPlan {
    Objects.requireNonNull(label, "label is null");
    Objects.requireNonNull(shape, "shape is null");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a scan needs at least one task: " + label);
    }
  }

  @Override
  public String toString() {
    return label + " " + tasks.stream().map(TaskSpec::slice).collect(Collectors.joining(","));
  }
}
