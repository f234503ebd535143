package dev.arrowtap.exec;

import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.TaskMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
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
  private final TaskRunner local = new LocalTaskRunner();
  private final MetricsStore metrics;
  private final InternalEndpoints internalEndpoints = new InternalEndpoints();
  private final WorkerRotation rotation;
  private final MemoryLimits memoryLimits;
  private final QueryAllocators queryAllocators;
  private final HeapWatchdog heapWatchdog;
  private final SourceLengths sourceLengths = new SourceLengths();
  private final LookupRows lookupRows = new LookupRows();

  public ExecutionServices(int localSlots, long memoryLimitBytes) {
    this(localSlots, memoryLimitBytes, ExecutionConfig.local());
  }

  public ExecutionServices(int localSlots, long memoryLimitBytes, ExecutionConfig config) {
    this(localSlots, memoryLimitBytes, config, MemoryLimits.defaults(memoryLimitBytes));
  }

  public ExecutionServices(
      int localSlots, long memoryLimitBytes, ExecutionConfig config, MemoryLimits limits) {
    if (localSlots < 1) {
      throw new IllegalArgumentException("localSlots must be positive: " + localSlots);
    }
    this.localSlots = localSlots;
    this.config = config;
    ArrowMemoryAccess.ensure();
    this.rootAllocator = new RootAllocator(memoryLimitBytes);
    this.taskThreads = Executors.newCachedThreadPool(DaemonThreads.numbered("arrowtap-task-"));
    this.metrics = new MetricsStore(config.queryRetention());
    this.memoryLimits = limits;
    this.queryAllocators = new QueryAllocators(rootAllocator);
    this.heapWatchdog = new HeapWatchdog(metrics, limits.heapGuardBytes());
    this.runners = new ArrayList<>();
    if (config.workers().isEmpty()) {
      runners.add(local);
      rotation = null;
    } else {
      List<WorkerTaskRunner> workers = new ArrayList<>();
      for (WorkerAddress worker : config.workers()) {
        internalEndpoints.add(worker.host(), worker.port(), "worker " + worker);
        workers.add(
            new WorkerTaskRunner(
                worker, config.secret().orElseThrow(), rootAllocator, config.workerTlsCa()));
      }
      runners.addAll(workers);
      rotation = new WorkerRotation(workers, config.workers());
    }
  }

  /** Each worker's standing, in configuration order; empty without workers. */
  public List<WorkerHealth.Status> workerStatuses() {
    return rotation == null ? List.of() : rotation.statuses();
  }

  /** Records how an attempt on {@code runner} ended, for the worker rotation. */
  void reportAttempt(TaskRunner runner, Throwable failure) {
    if (rotation != null) {
      rotation.report(runner, failure);
    }
  }

  public BufferAllocator rootAllocator() {
    return rootAllocator;
  }

  public MemoryLimits memoryLimits() {
    return memoryLimits;
  }

  /** The allocators of running queries, each limited to the query's memory. */
  QueryAllocators queryAllocators() {
    return queryAllocators;
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

  /** Whether tasks run on workers rather than in this JVM. */
  public boolean hasWorkers() {
    return !config.workers().isEmpty();
  }

  /**
   * Tasks of one scan read at once: on workers, up to the plan's own concurrency on each worker (a
   * feed's {@code concurrency} holds per place, however many windows or values it has), or all of
   * them for a plan without one; here up to the plan's own concurrency, or the local slots.
   */
  int parallelism(ScanPlan plan) {
    int tasks = plan.tasks().size();
    if (!config.workers().isEmpty() && !plan.coordinatorOnly()) {
      return plan.taskConcurrency() > 0
          ? Math.min(tasks, plan.taskConcurrency() * config.workers().size())
          : tasks;
    }
    return Math.min(tasks, plan.taskConcurrency() > 0 ? plan.taskConcurrency() : localSlots);
  }

  /**
   * Chooses the workers a stage's tasks start on (see {@link WorkerRotation#place}); nothing to
   * choose without workers.
   */
  TaskPlacement place(int tasks) {
    return rotation == null ? TaskPlacement.LOCAL : rotation.place(tasks);
  }

  /** As {@link #place(int)} for a plan's tasks; none to choose for a plan kept in this JVM. */
  TaskPlacement place(ScanPlan plan) {
    return plan.coordinatorOnly() ? TaskPlacement.LOCAL : place(plan.tasks().size());
  }

  /**
   * Where attempt {@code attempt} (from 1) of task {@code task} runs: this JVM, or the worker its
   * placement chose, then the next workers in rotation (see {@link WorkerRotation}).
   */
  TaskRunner runnerFor(TaskPlacement placement, int task, int attempt) {
    return rotation == null ? runners.get(0) : rotation.runnerFor(placement, task, attempt);
  }

  /** Where attempt {@code attempt} of a task of {@code plan} runs: as above, or in this JVM. */
  TaskRunner runnerFor(ScanPlan plan, TaskPlacement placement, int task, int attempt) {
    return plan.coordinatorOnly() ? local : runnerFor(placement, task, attempt);
  }

  public int taskAttempts() {
    return config.taskAttempts();
  }

  public MetricsStore metrics() {
    return metrics;
  }

  /** What this engine's tasks learned of their sources' lengths, for request estimates. */
  public SourceLengths sourceLengths() {
    return sourceLengths;
  }

  /** The rows this engine's lookups found per id, for tables with a cache. */
  public LookupRows lookupRows() {
    return lookupRows;
  }

  /** The server's own endpoints and the workers: never read as data. */
  public InternalEndpoints internalEndpoints() {
    return internalEndpoints;
  }

  /**
   * The plan with each task cut as its source allows ({@link TaskSpec#split}), so that the workers
   * in rotation share it; the plan itself where its tasks run in this JVM, or already fill the
   * workers. What the cutting reads counts in {@code metrics}.
   *
   * @param preview true for EXPLAIN: what is read is kept for the scan that may follow
   */
  public ScanPlan split(
      ScanPlan plan, TaskMetrics metrics, BooleanSupplier stopped, boolean preview) {
    if (rotation == null || plan.coordinatorOnly()) {
      return plan;
    }
    int slots = rotation.inRotation() / plan.tasks().size();
    if (slots < 2) {
      return plan;
    }
    List<TaskSpec> tasks = new ArrayList<>();
    try (BufferAllocator reading =
        rootAllocator.newChildAllocator("split " + plan.label(), 0, Long.MAX_VALUE)) {
      TaskSplit how = new TaskSplit(slots, reading, plan.batchSize(), metrics, stopped, preview);
      for (TaskSpec task : plan.tasks()) {
        tasks.addAll(task.split(how));
      }
    }
    return tasks.size() == plan.tasks().size() ? plan : plan.withTasks(tasks);
  }

  /**
   * A scan's tasks as EXPLAIN shows them: {@code t0:[0-6), t1:[6-11)} in this JVM, with
   * {@code @host:port} after each task that a worker runs: where it would start if the scan started
   * now, since placement follows the workers' load when the scan starts.
   */
  public String describeTasks(ScanPlan plan) {
    StringBuilder out = new StringBuilder();
    ScanPlan original = plan;
    plan = split(plan, new TaskMetrics(), () -> false, true);
    TaskPlacement placement =
        rotation == null || plan.coordinatorOnly()
            ? TaskPlacement.LOCAL
            : rotation.preview(plan.tasks().size());
    for (int i = 0; i < plan.tasks().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('t').append(i).append(':').append(plan.tasks().get(i).slice());
      TaskRunner runner = runnerFor(plan, placement, i, 1);
      if (runner.isRemote()) {
        out.append('@').append(runner.location());
      }
    }
    if (rotation != null && plan.tasks().size() == 1 && rotation.inRotation() > 1) {
      original
          .tasks()
          .get(0)
          .whyWhole()
          .ifPresent(why -> out.append(" (one task: ").append(why).append(')'));
    }
    return out.toString();
  }

  @Override
  public void close() {
    if (rotation != null) {
      rotation.close();
    }
    heapWatchdog.close();
    taskThreads.shutdownNow();
    for (TaskRunner runner : runners) {
      runner.close();
    }
    rootAllocator.close();
  }
}
