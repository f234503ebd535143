package dev.arrowtap.exec;

import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.metrics.MetricsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The engine-wide resources that run tasks: the root Arrow allocator, the task threads, the places
 * tasks run (this JVM or the configured workers) and the metrics of recent queries. One instance
 * per engine; closed with it.
 */
public final class ExecutionServices implements AutoCloseable {
  private final BufferAllocator rootAllocator;
  private final ExecutorService taskThreads;
  private final int localSlots;
  private final ExecutionConfig config;
  private final List<TaskRunner> runners;
  private final MetricsStore metrics;

  public ExecutionServices(int localSlots, long memoryLimitBytes) {
    this(localSlots, memoryLimitBytes, ExecutionConfig.local());
  }

  public ExecutionServices(int localSlots, long memoryLimitBytes, ExecutionConfig config) {
    if (localSlots < 1) {
      throw new IllegalArgumentException("localSlots must be positive: " + localSlots);
    }
    this.localSlots = localSlots;
    this.config = config;
    this.rootAllocator = new RootAllocator(memoryLimitBytes);
    this.taskThreads = Executors.newCachedThreadPool(DaemonThreads.numbered("arrowtap-task-"));
    this.metrics = new MetricsStore(config.queryRetention());
    this.runners = new ArrayList<>();
    if (config.workers().isEmpty()) {
      runners.add(new LocalTaskRunner());
    } else {
      for (WorkerAddress worker : config.workers()) {
        runners.add(
            new WorkerTaskRunner(
                worker, config.secret().orElseThrow(), rootAllocator, config.workerTlsCa()));
      }
    }
  }

  public BufferAllocator rootAllocator() {
    return rootAllocator;
  }

  public ExecutorService taskThreads() {
    return taskThreads;
  }

  /** Tasks that may run at once in this JVM: one per core unless configured. */
  public int localSlots() {
    return localSlots;
  }

  /** The most tasks a scan is split into: one per worker, or one per local slot without any. */
  public int taskSlots() {
    return config.workers().isEmpty() ? localSlots : config.workers().size();
  }

  /** Tasks of one scan read at once: all of them on workers, up to the local slots here. */
  int parallelism(int tasks) {
    return config.workers().isEmpty() ? Math.min(tasks, localSlots) : tasks;
  }

  /** Where attempt {@code attempt} (from 1) of task {@code task} runs: round robin over runners. */
  public TaskRunner runnerFor(int task, int attempt) {
    return runners.get(Math.floorMod(task + attempt - 1, runners.size()));
  }

  public int taskAttempts() {
    return config.taskAttempts();
  }

  public MetricsStore metrics() {
    return metrics;
  }

  /**
   * A scan's tasks as EXPLAIN shows them: {@code t0:[0-6), t1:[6-11)} in this JVM, with
   * {@code @host:port} after each task that a worker runs.
   */
  public String describeTasks(ScanPlan plan) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < plan.tasks().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('t').append(i).append(':').append(plan.tasks().get(i).slice());
      TaskRunner runner = runnerFor(i, 1);
      if (runner.isRemote()) {
        out.append('@').append(runner.location());
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    taskThreads.shutdownNow();
    for (TaskRunner runner : runners) {
      runner.close();
    }
    rootAllocator.close();
  }
}
