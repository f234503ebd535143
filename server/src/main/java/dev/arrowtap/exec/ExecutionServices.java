package dev.arrowtap.exec;

import dev.arrowtap.metrics.MetricsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final InternalEndpoints internalEndpoints = new InternalEndpoints();
  private final List<WorkerHealth> health = new ArrayList<>();
  private final long[] lastChecks;
  private final ScheduledFuture<?> checks;

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
    this.taskThreads = Executors.newCachedThreadPool(daemonThreads("arrowtap-task-"));
    this.metrics = new MetricsStore(config.queryRetention());
    this.runners = new ArrayList<>();
    this.lastChecks = new long[config.workers().size()];
    java.util.Arrays.fill(lastChecks, System.nanoTime());
    if (config.workers().isEmpty()) {
      runners.add(new LocalTaskRunner());
      checks = null;
    } else {
      for (WorkerAddress worker : config.workers()) {
        internalEndpoints.add(worker.host(), worker.port(), "worker " + worker);
        runners.add(
            new WorkerTaskRunner(
                worker, config.secret().orElseThrow(), rootAllocator, config.workerTlsCa()));
        health.add(new WorkerHealth(worker));
      }
      checks =
          WORKER_CHECKS.scheduleWithFixedDelay(
              this::checkWorkers,
              CHECK_TICK.toMillis(),
              CHECK_TICK.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  /** One thread for every engine's worker checks: they are short and rare. */
  private static final ScheduledExecutorService WORKER_CHECKS =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("arrowtap-worker-checks-"));

  private static final Duration CHECK_TICK = Duration.ofMillis(250);

  /** How often a worker in rotation is checked between queries, so /health stays current. */
  private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Checks the workers that are due: one out of rotation once its backoff has passed, one in
   * rotation every {@link #CHECK_EVERY}. A check is the identity handshake a task starts with.
   */
  private void checkWorkers() {
    long now = System.nanoTime();
    for (int i = 0; i < health.size(); i++) {
      WorkerHealth worker = health.get(i);
      boolean due =
          worker.dueForCheck(now)
              || (worker.inRotation() && now - lastChecks[i] >= CHECK_EVERY.toNanos());
      if (!due) {
        continue;
      }
      lastChecks[i] = now;
      try {
        ((WorkerTaskRunner) runners.get(i)).probe(CHECK_TIMEOUT);
        worker.succeeded();
      } catch (RuntimeException e) {
        worker.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
  }

  /** Each worker's standing, in configuration order; empty without workers. */
  public List<WorkerHealth.Status> workerStatuses() {
    return health.stream().map(WorkerHealth::status).toList();
  }

  /**
   * Records how an attempt on {@code runner} ended: a failure that is the worker's takes it out of
   * rotation; an attempt that ended otherwise shows it answers.
   */
  void reportAttempt(TaskRunner runner, Throwable failure) {
    int index = runners.indexOf(runner);
    if (index < 0 || health.isEmpty()) {
      return;
    }
    if (failure == null) {
      health.get(index).succeeded();
    } else if (WorkerHealth.isWorkerFault(failure)) {
      health
          .get(index)
          .failed(failure.getMessage() == null ? failure.toString() : failure.getMessage());
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

  /**
   * Where attempt {@code attempt} (from 1) of task {@code task} runs: round robin over the workers
   * in rotation (over all of them when none is), or this JVM.
   */
  public TaskRunner runnerFor(int task, int attempt) {
    List<TaskRunner> candidates = new ArrayList<>(runners.size());
    for (int i = 0; i < runners.size(); i++) {
      if (health.isEmpty() || health.get(i).inRotation()) {
        candidates.add(runners.get(i));
      }
    }
    if (candidates.isEmpty()) {
      candidates = runners;
    }
    return candidates.get(Math.floorMod(task + attempt - 1, candidates.size()));
  }

  public int taskAttempts() {
    return config.taskAttempts();
  }

  public MetricsStore metrics() {
    return metrics;
  }

  /** The server's own endpoints and the workers: never read as data. */
  public InternalEndpoints internalEndpoints() {
    return internalEndpoints;
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
    if (checks != null) {
      checks.cancel(false);
    }
    taskThreads.shutdownNow();
    for (TaskRunner runner : runners) {
      runner.close();
    }
    rootAllocator.close();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
