package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One query's identity, state and stages, updated live while it runs. Its cancel flag stops every
 * task of every stage.
 */
public final class QueryMetrics {
  private final long id;
  private final String sql;
  private final String user;
  private final String connectionId;
  private final int statementId;
  private final String application;
  private final long startMillis = System.currentTimeMillis();
  private final long startNanos = System.nanoTime();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicBoolean cancel = new AtomicBoolean();
  private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
  private final List<StageMetrics> stages = new CopyOnWriteArrayList<>();
  private final Map<Object, StageMetrics> keyedStages = new HashMap<>();
  private volatile QueryState state = QueryState.RUNNING;
  private volatile long endNanos;
  private volatile String error;
  private final Consumer<QueryMetrics> onFinish;
  private volatile String stopState;
  private volatile String stopReason;
  private RequestAllowance allowance;

  QueryMetrics(
      long id,
      String sql,
      String user,
      String connectionId,
      int statementId,
      String application,
      Consumer<QueryMetrics> onFinish) {
    this.onFinish = onFinish;
    this.id = id;
    this.sql = SqlMasker.mask(sql);
    this.user = user;
    this.connectionId = connectionId;
    this.statementId = statementId;
    this.application = application == null ? "" : application;
  }

  /** Registers a scan about to start; its stage number is its position among the query's scans. */
  public StageMetrics addStage(String scan, List<String> slices) {
    return addStage(scan, slices, StageOutput.ROWS);
  }

  /**
   * Registers a scan whose tasks send back {@code output}: rows, or a partial aggregate's groups.
   */
  public synchronized StageMetrics addStage(String scan, List<String> slices, StageOutput output) {
    List<TaskMetrics> tasks = new ArrayList<>(slices.size());
    for (int i = 0; i < slices.size(); i++) {
      tasks.add(new TaskMetrics());
    }
    StageMetrics stage = new StageMetrics(stages.size() + 1, scan, output, slices, tasks);
    stages.add(stage);
    return stage;
  }

  /**
   * The stage registered under {@code key}, created on first use: a scan that runs again and again
   * within one query (a lookup, once per batch of ids) adds its figures to one stage with a fixed
   * number of tasks, so that memory stays bounded however many batches it runs.
   */
  public synchronized StageMetrics stageFor(Object key, String scan, List<String> slices) {
    StageMetrics existing = keyedStages.get(key);
    if (existing == null) {
      existing = addStage(scan, slices);
      keyedStages.put(key, existing);
    }
    return existing;
  }

  /**
   * The query's request budget, created by the first scan that runs under one: every scan of the
   * query draws on the same.
   */
  public synchronized RequestAllowance requestAllowance(long max) {
    if (allowance == null) {
      allowance = new RequestAllowance(max);
    }
    return allowance;
  }

  /** The query's request budget, or null when it runs under none. */
  public synchronized RequestAllowance requestAllowance() {
    return allowance;
  }

  /** Adds rows handed to the client. */
  public void addRows(long count) {
    rows.addAndGet(count);
  }

  /** Ends the query once; later calls change nothing. */
  public void finish(QueryState finalState, String failure) {
    synchronized (this) {
      if (state != QueryState.RUNNING) {
        return;
      }
      error = failure;
      endNanos = System.nanoTime();
      state = finalState;
    }
    onFinish.accept(this);
  }

  /** HTTP requests made so far by every task of the query. */
  public long httpRequests() {
    long requests = 0;
    for (TaskMetricsSnapshot task : taskSnapshots()) {
      requests += task.httpRequests();
    }
    return requests;
  }

  /**
   * Stops the query for a reason other than a user's cancel: it then fails with {@code sqlState}
   * and {@code reason} instead of 57014.
   */
  public void stop(String sqlState, String reason) {
    stopState = sqlState;
    stopReason = reason;
    cancel();
  }

  /** The SQLState a stopped query fails with, or null when it was cancelled by its user. */
  public String stopState() {
    return stopState;
  }

  public String stopReason() {
    return stopReason;
  }

  /** Asks every task of the query to stop; the query then fails as cancelled. */
  public void cancel() {
    cancel.set(true);
    for (Runnable hook : cancelHooks) {
      hook.run();
    }
  }

  /**
   * Runs {@code hook} when the query is cancelled (at once if it already is), from the cancelling
   * thread: work blocked in a read, such as inferring a feed's columns while planning, is cut off
   * instead of waiting for its next check of the flag.
   *
   * @return running it removes the hook
   */
  public Runnable onCancel(Runnable hook) {
    cancelHooks.add(hook);
    if (cancel.get()) {
      hook.run();
    }
    return () -> cancelHooks.remove(hook);
  }

  public boolean isCancelled() {
    return cancel.get();
  }

  public long id() {
    return id;
  }

  /** The SQL text with secret-looking literals masked. */
  public String sql() {
    return sql;
  }

  public String user() {
    return user;
  }

  public String connectionId() {
    return connectionId;
  }

  public int statementId() {
    return statementId;
  }

  /**
   * The application name the client gave ({@code setClientInfo("ApplicationName", ...)}), or "".
   */
  public String application() {
    return application;
  }

  public long startMillis() {
    return startMillis;
  }

  public QueryState state() {
    return state;
  }

  public String error() {
    return error;
  }

  public long rows() {
    return rows.get();
  }

  public long elapsedMillis() {
    long end = state == QueryState.RUNNING ? System.nanoTime() : endNanos;
    return (end - startNanos) / 1_000_000;
  }

  public List<StageMetrics> stages() {
    return List.copyOf(stages);
  }

  public int taskCount() {
    return stages.stream().mapToInt(stage -> stage.tasks().size()).sum();
  }

  /** The query's figures now, stage by stage: what EXPLAIN ANALYZE renders. */
  public QuerySnapshot snapshot() {
    List<StageSnapshot> snapshots = new ArrayList<>();
    for (StageMetrics stage : stages) {
      snapshots.add(StageSnapshot.of(id, startMillis, stage));
    }
    return new QuerySnapshot(id, state, rows(), elapsedMillis(), error, snapshots);
  }

  /** Every task of every stage, in stage and task order. */
  public List<TaskMetricsSnapshot> taskSnapshots() {
    List<TaskMetricsSnapshot> out = new ArrayList<>();
    for (StageMetrics stage : stages) {
      for (int task = 0; task < stage.tasks().size(); task++) {
        out.add(TaskMetricsSnapshot.of(id, startMillis, stage, task));
      }
    }
    return out;
  }
}
