package dev.arrowtap.exec;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryScope;
import dev.arrowtap.metrics.RequestAllowance;
import dev.arrowtap.metrics.SourceLength;
import dev.arrowtap.metrics.StageMetrics;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.metrics.TaskState;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs the tasks of one scan concurrently, in this JVM or on workers, and merges their batches into
 * one stream, with at most a few batches buffered per running task. A task whose worker fails
 * before its first batch is tried again on another worker; after rows were delivered it resumes
 * elsewhere only if its slice can start part-way ({@link TaskSpec#remainder}), and otherwise fails
 * the query, naming the task and the worker. Rows are never duplicated or lost. Closing the
 * execution stops every task and frees their memory.
 */
public final class ScanExecution implements AutoCloseable {
  private static final long POLL_MILLIS = 50;
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final ScanPlan plan;
  private final ExecutionServices services;
  private final BufferAllocator allocator;
  private final long memoryLimit;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean externalCancel;
  private final QueryMetrics query;
  private final StageMetrics stage;
  private final String schemaJson;
  private final BlockingQueue<Object> queue;
  private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
  private final Map<Integer, BatchReader> active = new ConcurrentHashMap<>();
  private final CountDownLatch finished;
  private final TaskPlacement placement;
  private final RequestAllowance allowance;
  private int runnersLeft;
  private boolean closed;
  private static final Logger LOG = Logger.getLogger("dev.arrowtap.exec");
  private final AtomicReference<ArrowtapException> failure = new AtomicReference<>();

  private ScanExecution(
      ScanPlan plan,
      ExecutionServices services,
      AtomicBoolean externalCancel,
      QueryMetrics query,
      StageMetrics stage,
      int parallelism) {
    this.plan = plan;
    this.services = services;
    this.externalCancel = externalCancel;
    this.query = query;
    this.stage = stage;
    if (stage.tasks().size() < plan.tasks().size()) {
      throw new IllegalArgumentException(
          "stage " + stage.scan() + " has fewer tasks than " + plan.label());
    }
    this.schemaJson = plan.shape().arrowSchema().toJson();
    this.memoryLimit = Math.min(plan.queryMemoryLimit(), services.memoryLimits().queryBytes());
    this.allocator = services.queryAllocators().open(query.id(), plan.label(), memoryLimit);
    this.queue = new ArrayBlockingQueue<>(2 * parallelism + 1);
    this.finished = new CountDownLatch(parallelism);
    this.runnersLeft = parallelism;
    for (int i = 0; i < plan.tasks().size(); i++) {
      pending.add(i);
    }
    this.placement = services.place(plan);
    this.allowance = allowanceOf(plan, query, stage);
  }

  /**
   * The query's request budget when the plan runs under one; a scan's estimate counts once per
   * stage (a lookup runs its stage again for every batch of ids).
   */
  private static RequestAllowance allowanceOf(
      ScanPlan plan, QueryMetrics query, StageMetrics stage) {
    RequestLimit limit = plan.requestLimit();
    if (limit == null) {
      return null;
    }
    boolean first = stage.noteEstimatedRequests(limit.estimate());
    if (limit.maxRequests() < 0) {
      return null;
    }
    RequestAllowance allowance = query.requestAllowance(limit.maxRequests());
    if (first) {
      allowance.addEstimate(limit.estimate());
    }
    return allowance;
  }

  /**
   * Starts running the plan's tasks on the engine's task threads, as a stage of the query the
   * current thread runs for (or of a query of its own when there is none).
   */
  public static ScanExecution start(
      ScanPlan plan, ExecutionServices services, AtomicBoolean externalCancel) {
    QueryMetrics query = queryOf(plan, services);
    // A feed whose first page tells its size is cut into page ranges now, for the workers.
    TaskMetrics reading = new TaskMetrics();
    ScanPlan split =
        services.split(
            plan,
            reading,
            () -> (externalCancel != null && externalCancel.get()) || query.isCancelled(),
            false);
    StageMetrics stage =
        query.addStage(
            split.label(),
            split.tasks().stream().map(TaskSpec::slice).toList(),
            split.tasks().get(0).outputKind());
    stage.tasks().get(0).addEarlier(reading);
    return start(split, services, externalCancel, query, stage);
  }

  /**
   * Starts one run of a scan that runs many times within a query (a lookup, once per batch of ids):
   * every run adds its figures to the one stage registered under {@code stageKey}, whose tasks are
   * named by {@code slots}; the plan has at most that many tasks.
   */
  public static ScanExecution startRepeated(
      ScanPlan plan,
      ExecutionServices services,
      AtomicBoolean externalCancel,
      Object stageKey,
      String stageLabel,
      List<String> slots) {
    QueryMetrics query = queryOf(plan, services);
    StageMetrics stage = query.stageFor(stageKey, stageLabel, slots);
    return start(plan, services, externalCancel, query, stage);
  }

  private static QueryMetrics queryOf(ScanPlan plan, ExecutionServices services) {
    return QueryScope.current().orElseGet(() -> services.metrics().begin(plan.label(), "", "", -1));
  }

  private static ScanExecution start(
      ScanPlan plan,
      ExecutionServices services,
      AtomicBoolean externalCancel,
      QueryMetrics query,
      StageMetrics stage) {
    int parallelism = services.parallelism(plan);
    ScanExecution execution =
        new ScanExecution(plan, services, externalCancel, query, stage, parallelism);
    for (int i = 0; i < parallelism; i++) {
      services.taskThreads().execute(execution::runTasks);
    }
    return execution;
  }

  /** The per-task counters, in task order. */
  public List<TaskMetrics> metrics() {
    return stage.tasks();
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
    ArrowtapException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    return null;
  }

  private boolean isCancelled() {
    return (externalCancel != null && externalCancel.get()) || query.isCancelled();
  }

  private boolean shouldStop() {
    return stopped.get() || isCancelled();
  }

  private ArrowtapException cancelled() {
    if (query.stopState() != null) {
      return new ArrowtapException(query.stopState(), query.stopReason());
    }
    return new ArrowtapException(
        SqlStates.QUERY_CANCELED, "query cancelled while scanning " + plan.label());
  }

  /**
   * A task that ran out of the query's memory (a partial aggregate's groups, here or on a worker)
   * does not know its query: the error names it, as {@link #memoryExceeded} does.
   */
  private ArrowtapException namingQuery(ArrowtapException error) {
    if (!SqlStates.OUT_OF_MEMORY.equals(error.sqlState())
        || String.valueOf(error.getMessage()).startsWith("query ")) {
      return error;
    }
    return new PermanentFailure(
        error.sqlState(), "query " + query.id() + ": " + error.getMessage(), error);
  }

  /** Arrow refused an allocation: the query holds as much memory as it may. */
  private ArrowtapException memoryExceeded(OutOfMemoryException e) {
    return new PermanentFailure(
        SqlStates.OUT_OF_MEMORY,
        "query "
            + query.id()
            + " needs more than its memory limit of "
            + memoryLimit
            + " bytes while scanning "
            + plan.label()
            + " (query_memory_limit; "
            + allocator.getAllocatedMemory()
            + " bytes held by this scan): read fewer columns, use a smaller batch_size,"
            + " or ask for a higher limit",
        e);
  }

  private void runTasks() {
    try {
      Integer index;
      while (!shouldStop() && (index = pending.poll()) != null) {
        runTask(index);
      }
    } catch (RuntimeException | Error e) {
      // Recorded before anything stops, so that the failure cannot be lost when the queue is
      // full: next() checks it before it reports the end of the scan.
      failure.compareAndSet(null, asUserError(e));
      stopped.set(true);
      offer(new Failure(asUserError(e)));
    } finally {
      // Counted down first: a reader that has seen every RunnerDone closes the scan at once, and
      // close() must then find every runner finished rather than wait a poll for the last one.
      finished.countDown();
      offer(RunnerDone.INSTANCE);
    }
  }

  private void runTask(int index) {
    TaskMetrics metrics = stage.tasks().get(index);
    TaskSpec original = plan.tasks().get(index);
    original
        .usageKey()
        .ifPresent(key -> metrics.countUsageIn(services.metrics().apiUsage().counters(key)));
    if (allowance != null) {
      metrics.limitRequestsBy(allowance);
    }
    try {
      runAttempts(index, original, metrics);
    } finally {
      SourceLength learned = metrics.sourceLength();
      if (learned != null) {
        original.lengthKey().ifPresent(key -> services.sourceLengths().learn(key, learned));
      }
    }
  }

  private void runAttempts(int index, TaskSpec original, TaskMetrics metrics) {
    // A repeated stage's counters already hold earlier runs' rows; only this run's count here.
    long before = metrics.rows();
    for (int attempt = 1; ; attempt++) {
      long delivered = metrics.rows() - before;
      // After rows were delivered only the rest of the slice may run again, if it can.
      TaskSpec spec = delivered == 0 ? original : original.remainder(delivered).orElse(null);
      TaskRunner runner = services.runnerFor(plan, placement, index, attempt);
      metrics.startAttempt(runner.location());
      TaskTicket ticket =
          new TaskTicket(query.id(), stage.stage(), index, plan.batchSize(), schemaJson, spec);
      Attempt outcome = runAttempt(runner, ticket, metrics);
      services.reportAttempt(runner, outcome.error);
      if (outcome.error == null) {
        metrics.finish(outcome.state, null);
        return;
      }
      logFailedAttempt(ticket, runner, attempt, outcome.error);
      long sent = metrics.rows() - before;
      boolean resumable = sent == 0 || original.remainder(sent).isPresent();
      if (!runner.isRemote()
          || attempt >= services.taskAttempts()
          || !resumable
          || outcome.error instanceof PermanentFailure) {
        String message = failureMessage(index, runner, metrics, outcome.error);
        metrics.finish(TaskState.FAILED, message);
        if (!runner.isRemote() && outcome.error instanceof ArrowtapException user) {
          // A task in this JVM already says what broke and where; keep its words and SQLState.
          throw namingQuery(user);
        }
        String state =
            outcome.error instanceof ArrowtapException user
                ? user.sqlState()
                : SqlStates.FEED_UNAVAILABLE;
        throw namingQuery(new ArrowtapException(state, message, outcome.error));
      }
      metrics.addRetry();
    }
  }

  private Attempt runAttempt(TaskRunner runner, TaskTicket ticket, TaskMetrics metrics) {
    try (BufferAllocator taskAllocator =
        allocator.newChildAllocator(ticket.describe(), 0, Long.MAX_VALUE)) {
      TaskContext context =
          new TaskContext(
              taskAllocator, plan.batchSize(), this::shouldStop, metrics, runner.location());
      try (BatchReader reader = runner.open(ticket, context)) {
        active.put(ticket.task(), reader);
        VectorSchemaRoot batch;
        while (!shouldStop() && (batch = reader.next()) != null) {
          VectorSchemaRoot detached = Batches.detach(batch, allocator);
          metrics.addBatch(detached.getRowCount(), Batches.sizeInBytes(detached));
          if (!offer(detached)) {
            detached.close();
            break;
          }
        }
      } finally {
        active.remove(ticket.task());
        metrics.notePeakMemory(taskAllocator.getPeakMemoryAllocation());
      }
    } catch (OutOfMemoryException e) {
      return new Attempt(TaskState.FAILED, memoryExceeded(e));
    } catch (IOException | RuntimeException e) {
      if (!shouldStop()) {
        return new Attempt(TaskState.FAILED, e);
      }
    }
    TaskState state =
        isCancelled()
            ? TaskState.CANCELLED
            : stopped.get() ? TaskState.STOPPED : TaskState.FINISHED;
    return new Attempt(state, null);
  }

  /** A failed attempt leaves a line in the server's log, whether or not it is tried again. */
  private static void logFailedAttempt(
      TaskTicket ticket, TaskRunner runner, int attempt, Exception error) {
    if (LOG.isLoggable(Level.WARNING)) {
      String cause = error.getMessage() == null ? error.toString() : error.getMessage();
      LOG.warning(
          LogLine.event("task_failed")
              .with("query", ticket.queryId())
              .with("stage", ticket.stage())
              .with("task", ticket.task())
              .with("worker", runner.location())
              .with("attempt", attempt)
              .with("error", ticket.spec().redact(cause))
              .toString());
    }
  }

  private String failureMessage(
      int index, TaskRunner runner, TaskMetrics metrics, Exception error) {
    String where = runner.isRemote() ? "worker " + runner.location() : "this server";
    String after = metrics.rows() > 0 ? " after delivering " + metrics.rows() + " rows" : "";
    String attempts = metrics.attempts() > 1 ? " (attempt " + metrics.attempts() + ")" : "";
    String cause = error.getMessage() == null ? error.toString() : error.getMessage();
    return "task t"
        + index
        + " "
        + plan.tasks().get(index).slice()
        + " of "
        + plan.label()
        + " failed on "
        + where
        + after
        + attempts
        + ": "
        + cause;
  }

  private static ArrowtapException asUserError(Throwable e) {
    if (e instanceof ArrowtapException user) {
      return user;
    }
    return new ArrowtapException(SqlStates.INTERNAL, "internal error: " + e, e);
  }

  /** Waits for room in the queue unless the scan is stopped; false if it was not queued. */
  private boolean offer(Object item) {
    if (item instanceof VectorSchemaRoot && shouldStop()) {
      // Nobody will read it: the caller closes it rather than leave it in a drained queue.
      return false;
    }
    try {
      while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (shouldStop() && item != RunnerDone.INSTANCE) {
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
    for (BatchReader reader : active.values()) {
      reader.cancel();
    }
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
    for (int i = 0; i < plan.tasks().size(); i++) {
      TaskMetrics metrics = stage.tasks().get(i);
      if (metrics.state() == TaskState.PENDING) {
        metrics.finish(isCancelled() ? TaskState.CANCELLED : TaskState.STOPPED, null);
      }
    }
    if (finished.getCount() == 0) {
      closeAllocator();
    }
    // Otherwise a task ignores its stop signal; its memory stays accounted to the root
    // allocator rather than being freed under its feet.
  }

  /**
   * Frees the scan's memory. Memory a failed task did not give back is a second fault: the task's
   * error is what the user must see (next() threw it), so the leak only goes to the log.
   */
  private void closeAllocator() {
    try {
      services.queryAllocators().close(query.id(), allocator);
    } catch (IllegalStateException leak) {
      if (failure.get() == null) {
        throw leak;
      }
      LOG.severe(
          LogLine.event("memory_leak_after_failure")
              .with("query", query.id())
              .with("scan", plan.label())
              .with("error", String.valueOf(leak.getMessage()))
              .toString());
    }
  }

  private static void closeItem(Object item) {
    if (item instanceof VectorSchemaRoot root) {
      root.close();
    }
  }

  private record Attempt(TaskState state, Exception error) {}

  private record Failure(ArrowtapException error) {}

  private enum RunnerDone {
    INSTANCE
  }
}
