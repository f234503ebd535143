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
 * @param taskConcurrency tasks that may run at once in this JVM, or 0 for one per local slot (a
 *     feed waits on its API more than on a core, so it declares its own)
 * @param coordinatorOnly the tasks run in the coordinator's JVM even when there are workers: their
 *     source holds a budget that cannot be shared out among the workers' processes
 * @param requestLimit the query's request budget, or null when it has none
 */
public record ScanPlan(
    String label,
    TableShape shape,
    List<TaskSpec> tasks,
    int batchSize,
    long queryMemoryLimit,
    int taskConcurrency,
    boolean coordinatorOnly,
    RequestLimit requestLimit) {
  /** A scan without a request budget. */
  public ScanPlan(
      String label,
      TableShape shape,
      List<TaskSpec> tasks,
      int batchSize,
      long queryMemoryLimit,
      int taskConcurrency,
      boolean coordinatorOnly) {
    this(label, shape, tasks, batchSize, queryMemoryLimit, taskConcurrency, coordinatorOnly, null);
  }

  /** A scan whose tasks run wherever the engine runs tasks. */
  public ScanPlan(
      String label,
      TableShape shape,
      List<TaskSpec> tasks,
      int batchSize,
      long queryMemoryLimit,
      int taskConcurrency) {
    this(label, shape, tasks, batchSize, queryMemoryLimit, taskConcurrency, false);
  }

  /** A scan under the server's query memory limit, one task per local slot. */
  public ScanPlan(String label, TableShape shape, List<TaskSpec> tasks, int batchSize) {
    this(label, shape, tasks, batchSize, Long.MAX_VALUE, 0, false);
  }

  public ScanPlan {
    Objects.requireNonNull(label, "label is null");
    Objects.requireNonNull(shape, "shape is null");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("a scan needs at least one task: " + label);
    }
  }

  /** This scan with its tasks kept in the coordinator's JVM. */
  public ScanPlan onCoordinator() {
    return new ScanPlan(
        label, shape, tasks, batchSize, queryMemoryLimit, taskConcurrency, true, requestLimit);
  }

  /** This scan under the query's request budget. */
  public ScanPlan withRequestLimit(RequestLimit limit) {
    return new ScanPlan(
        label, shape, tasks, batchSize, queryMemoryLimit, taskConcurrency, coordinatorOnly, limit);
  }

  /** This scan with other tasks that together produce the same rows. */
  public ScanPlan withTasks(List<TaskSpec> newTasks) {
    return new ScanPlan(
        label,
        shape,
        newTasks,
        batchSize,
        queryMemoryLimit,
        taskConcurrency,
        coordinatorOnly,
        requestLimit);
  }

  @Override
  public String toString() {
    return label + " " + tasks.stream().map(TaskSpec::slice).collect(Collectors.joining(","));
  }
}
