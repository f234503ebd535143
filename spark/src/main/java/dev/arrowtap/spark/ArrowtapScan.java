package dev.arrowtap.spark;

import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.exec.TaskSplit;
import dev.arrowtap.metrics.TaskMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A planned arrowtap scan: the server's tasks for the pushed-down columns, parameter values and
 * limit, one Spark partition per task. Its description is what Spark's plans show; it holds no
 * secret (task slices are masked by the catalog's secrets).
 */
final class ArrowtapScan implements Scan, Batch {
  private static final int SHOWN_TASKS = 10;

  private final TableSource source;
  private final ScanPlan plan;
  private final StructType schema;
  private final Map<String, List<String>> pushed;
  private final List<String> filters;
  private final ReadSettings settings;
  private final int maxConcurrency;
  // Spark may ask a scan for its partitions more than once (each copy of its plan node does):
  // the feed is cut, and its first page read, once per scan.
  private List<TaskSpec> split;

  ArrowtapScan(
      TableSource source,
      ScanPlan plan,
      StructType schema,
      Map<String, List<String>> pushed,
      List<String> filters,
      ReadSettings settings,
      int maxConcurrency) {
    this.source = source;
    this.plan = plan;
    this.schema = schema;
    this.pushed = Map.copyOf(pushed);
    this.filters = List.copyOf(filters);
    this.settings = settings;
    this.maxConcurrency = maxConcurrency;
  }

  @Override
  public StructType readSchema() {
    return schema;
  }

  @Override
  public String description() {
    StringBuilder out = new StringBuilder("arrowtap ").append(source.name());
    if (!pushed.isEmpty()) {
      out.append(" parameters: ")
          .append(
              pushed.entrySet().stream()
                  .map(e -> e.getKey() + " IN " + e.getValue().size() + " value(s)")
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    if (!filters.isEmpty()) {
      out.append(" api filters: ").append(String.join(", ", filters));
    }
    if (settings.limit() >= 0) {
      out.append(" limit: ").append(settings.limit()).append(" per task");
    }
    if (maxConcurrency > 0) {
      out.append(" max concurrency: ").append(maxConcurrency);
    }
    return out.append(" tasks: ").append(tasks()).toString();
  }

  /** Tasks in the server's notation; a long list (one task per id) shows its first ones only. */
  private String tasks() {
    List<TaskSpec> tasks = plan.tasks();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(tasks.size(), SHOWN_TASKS); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('t').append(i).append(':').append(tasks.get(i).slice());
    }
    if (tasks.size() > SHOWN_TASKS) {
      out.append(", ... ").append(tasks.size()).append(" tasks in all");
    }
    return out.toString();
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ArrowtapMetric.supported();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /**
   * One partition per task; with a concurrency cap of k, at most k partitions, each running a
   * contiguous run of tasks one after another, so that no more than k tasks of this scan call the
   * API at once however many executors there are.
   */
  @Override
  public InputPartition[] planInputPartitions() {
    List<TaskSpec> tasks = splitTasks();
    int count = maxConcurrency > 0 ? Math.min(maxConcurrency, tasks.size()) : tasks.size();
    InputPartition[] partitions = new InputPartition[count];
    int from = 0;
    for (int i = 0; i < count; i++) {
      int to = from + tasks.size() / count + (i < tasks.size() % count ? 1 : 0);
      partitions[i] = source.partition(tasks.subList(from, to), settings);
      from = to;
    }
    return partitions;
  }

  /**
   * The plan's tasks, each cut as its source allows (a feed whose first page tells its total
   * becomes page ranges), up to the cores Spark runs tasks on: so a 200-page feed is many
   * partitions. The first page is read here, on the driver, once, and travels with its partition.
   */
  private synchronized List<TaskSpec> splitTasks() {
    if (split == null) {
      split = cut();
    }
    return split;
  }

  private List<TaskSpec> cut() {
    int slots = SparkSession.active().sparkContext().defaultParallelism() / plan.tasks().size();
    if (slots < 2) {
      return plan.tasks();
    }
    List<TaskSpec> tasks = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      TaskSplit how =
          new TaskSplit(slots, allocator, plan.batchSize(), new TaskMetrics(), () -> false, false);
      for (TaskSpec task : plan.tasks()) {
        tasks.addAll(task.split(how));
      }
    }
    return List.copyOf(tasks);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ArrowtapReaderFactory();
  }
}
