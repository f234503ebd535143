package dev.arrowtap.exec;

import dev.arrowtap.engine.ArrowtapException;
import dev.arrowtap.engine.SqlStates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs the tasks of one scan concurrently and merges their batches into one stream, with at most a
 * few batches buffered per running task. Closing it stops every task and frees their memory.
 */
public final class ScanExecution implements AutoCloseable {
  private static final long POLL_MILLIS = 50;
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final ScanPlan plan;
  private final BufferAllocator allocator;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean externalCancel;
  private final BlockingQueue<Object> queue;
  private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
  private final CountDownLatch finished;
  private final List<TaskMetrics> metrics = new ArrayList<>();
  private int runnersLeft;
  private boolean closed;

  private ScanExecution(
      ScanPlan plan, ExecutionServices services, AtomicBoolean externalCancel, int parallelism) {
    this.plan = plan;
    this.externalCancel = externalCancel;
    this.allocator =
        services.rootAllocator().newChildAllocator("scan " + plan.label(), 0, Long.MAX_VALUE);
    this.queue = new ArrayBlockingQueue<>(2 * parallelism + 1);
    this.finished = new CountDownLatch(parallelism);
    this.runnersLeft = parallelism;
    for (int i = 0; i < plan.tasks().size(); i++) {
      metrics.add(new TaskMetrics());
      pending.add(i);
    }
  }

  /** Starts running the plan's tasks on the engine's task threads. */
  public static ScanExecution start(
      ScanPlan plan, ExecutionServices services, AtomicBoolean externalCancel) {
    int parallelism = Math.min(plan.tasks().size(), services.localSlots());
    ScanExecution execution = new ScanExecution(plan, services, externalCancel, parallelism);
    for (int i = 0; i < parallelism; i++) {
      services.taskThreads().execute(execution::runTasks);
    }
    return execution;
  }

  /** The per-task counters, in task order. */
  public List<TaskMetrics> metrics() {
    return List.copyOf(metrics);
  }

  /**
   * Returns the next batch, which the caller must close, or null when every task is done.
   *
   * @throws ArrowtapException when a task failed or the query was cancelled
   */
  public VectorSchemaRoot next() {
    while (runnersLeft > 0) {
      Object item;
      try {
        item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled();
      }
      if (isCancelled()) {
        closeItem(item);
        throw cancelled();
      }
      if (item instanceof VectorSchemaRoot root) {
        return root;
      } else if (item instanceof Failure failure) {
        throw failure.error;
      } else if (item == RunnerDone.INSTANCE) {
        runnersLeft--;
      }
    }
    return null;
  }

  private boolean isCancelled() {
    return externalCancel != null && externalCancel.get();
  }

  private ArrowtapException cancelled() {
    return new ArrowtapException(
        SqlStates.QUERY_CANCELED, "query cancelled while scanning " + plan.label());
  }

  private void runTasks() {
    try {
      Integer index;
      while (!stopped.get() && (index = pending.poll()) != null) {
        runTask(plan.tasks().get(index), metrics.get(index));
      }
    } catch (RuntimeException | Error e) {
      offer(new Failure(asUserError(e)));
    } finally {
      offer(RunnerDone.INSTANCE);
      finished.countDown();
    }
  }

  private void runTask(TaskSpec task, TaskMetrics taskMetrics) {
    TaskContext context =
        new TaskContext(
            allocator, plan.batchSize(), () -> stopped.get() || isCancelled(), taskMetrics);
    try (BatchReader reader = task.open(context)) {
      VectorSchemaRoot batch;
      while (!context.isStopped() && (batch = reader.next()) != null) {
        VectorSchemaRoot detached = Batches.detach(batch, allocator);
        taskMetrics.addBatch(detached.getRowCount(), Batches.sizeInBytes(detached));
        if (!offer(detached)) {
          detached.close();
          return;
        }
      }
    } catch (java.io.IOException e) {
      throw new ArrowtapException(SqlStates.FEED_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private static ArrowtapException asUserError(Throwable e) {
    if (e instanceof ArrowtapException user) {
      return user;
    }
    return new ArrowtapException(SqlStates.INTERNAL, "internal error: " + e, e);
  }

  /** Waits for room in the queue unless the scan is stopped; false if it was not queued. */
  private boolean offer(Object item) {
    try {
      while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (stopped.get() && item != RunnerDone.INSTANCE) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopped.set(true);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
      // Drain so that runners blocked on a full queue can finish.
      while (finished.getCount() > 0 && System.nanoTime() < deadline) {
        closeItem(queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Object item;
    while ((item = queue.poll()) != null) {
      closeItem(item);
    }
    if (finished.getCount() == 0) {
      allocator.close();
    }
    // Otherwise a task ignores its stop signal; its memory stays accounted to the root
    // allocator rather than being freed under its feet.
  }

  private static void closeItem(Object item) {
    if (item instanceof VectorSchemaRoot root) {
      root.close();
    }
  }

  private record Failure(ArrowtapException error) {}

  private enum RunnerDone {
    INSTANCE
  }
}
