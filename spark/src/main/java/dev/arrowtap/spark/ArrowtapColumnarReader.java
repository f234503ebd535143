package dev.arrowtap.spark;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.Batches;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.metrics.TaskState;
import java.io.IOException;
import java.util.Iterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Runs a partition's arrowtap tasks, one after another, inside a Spark task and hands their Arrow
 * batches to Spark as column vectors over the same buffers. Memory: the tasks' vectors live in a
 * child allocator that this reader owns; a batch handed to Spark stays valid until the next call to
 * {@link #next()}, which is when arrowtap reuses or frees its buffers, and everything is freed when
 * Spark closes the reader (at the end of the task, also after a LIMIT or a failure).
 */
final class ArrowtapColumnarReader implements PartitionReader<ColumnarBatch> {
  private final ArrowtapPartition partition;
  private final ReadSettings settings;
  private final TaskMetrics metrics = new TaskMetrics();
  private final org.apache.spark.TaskContext sparkTask = org.apache.spark.TaskContext.get();
  private volatile boolean closed;
  private BufferAllocator allocator;
  private Iterator<TaskSpec> tasks;
  private BatchReader reader;
  private ColumnarBatch current;
  private long rows;

  ArrowtapColumnarReader(ArrowtapPartition partition) {
    this.partition = partition;
    this.settings = partition.settings();
  }

  @Override
  public boolean next() throws IOException {
    if (settings.limit() >= 0 && rows >= settings.limit()) {
      return false;
    }
    if (tasks == null) {
      allocator = ExecutorMemory.taskAllocator("arrowtap " + partition);
      metrics.startAttempt(TaskContext.LOCAL);
      tasks = partition.tasks().iterator();
    }
    VectorSchemaRoot root = null;
    while (root == null) {
      if (reader == null) {
        if (!tasks.hasNext()) {
          metrics.finish(TaskState.FINISHED, null);
          return false;
        }
        reader = open(tasks.next());
      }
      root = reader.next();
      if (root == null) {
        reader.close();
        reader = null;
      }
    }
    int count = root.getRowCount();
    if (settings.limit() >= 0) {
      count = (int) Math.min(count, settings.limit() - rows);
    }
    rows += count;
    metrics.addBatch(count, Batches.sizeInBytes(root));
    ColumnVector[] columns = new ColumnVector[settings.outputColumns()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = SparkTypes.vector(root.getVector(i));
    }
    current = new ColumnarBatch(columns, count);
    return true;
  }

  private BatchReader open(TaskSpec task) throws IOException {
    TaskContext context =
        new TaskContext(allocator, settings.batchSize(), this::stopped, metrics, TaskContext.LOCAL);
    try {
      return task.open(context);
    } catch (IOException | RuntimeException e) {
      metrics.finish(TaskState.FAILED, e.getMessage());
      throw e;
    }
  }

  /** Read by arrowtap's threads too (page prefetch), so it asks the Spark task, not a thread. */
  private boolean stopped() {
    return closed || (sparkTask != null && sparkTask.isInterrupted());
  }

  @Override
  public ColumnarBatch get() {
    return current;
  }

  /** This task's counters so far; Spark asks during the task and once more at its end. */
  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ArrowtapMetric.values(metrics);
  }

  @Override
  public void close() {
    closed = true;
    current = null;
    if (reader != null) {
      reader.cancel();
      reader.close();
      reader = null;
    }
    if (allocator != null) {
      allocator.close();
      allocator = null;
    }
  }
}
