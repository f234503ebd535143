package dev.arrowtap.exec;

import dev.arrowtap.common.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The configured workers and which of them take tasks: a worker that fails leaves the rotation and
 * is checked again after a backoff; the ones in rotation are checked now and then between queries,
 * so that their standing ({@link #statuses()}) stays current.
 */
final class WorkerRotation implements AutoCloseable {
  /** One thread for every engine's worker checks: they are short and rare. */
  private static final ScheduledExecutorService CHECKS =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("arrowtap-worker-checks-"));

  private static final Duration CHECK_TICK = Duration.ofMillis(250);

  /** How often a worker in rotation is checked between queries, so /health stays current. */
  private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  private final List<WorkerTaskRunner> runners;
  private final List<WorkerHealth> health = new ArrayList<>();
  private final long[] lastChecks;
  private final ScheduledFuture<?> checks;

  /** Where the next stage's first tie is broken: rotates so idle workers share the work. */
  private int cursor;

  WorkerRotation(List<WorkerTaskRunner> runners, List<WorkerAddress> addresses) {
    this.runners = List.copyOf(runners);
    for (WorkerAddress address : addresses) {
      health.add(new WorkerHealth(address));
    }
    this.lastChecks = new long[runners.size()];
    Arrays.fill(lastChecks, System.nanoTime());
    this.checks =
        CHECKS.scheduleWithFixedDelay(
            this::checkDue, CHECK_TICK.toMillis(), CHECK_TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Places a stage of {@code tasks} tasks and moves the tie-breaking cursor past them, so that the
   * next stage starts where this one ended.
   */
  synchronized TaskPlacement place(int tasks) {
    TaskPlacement placement = placeFrom(cursor, tasks);
    cursor = Math.floorMod(cursor + tasks, runners.size());
    return placement;
  }

  /** Where a stage of {@code tasks} tasks would go if it started now; places nothing. */
  synchronized TaskPlacement preview(int tasks) {
    return placeFrom(cursor, tasks);
  }

  /**
   * Each task goes to the worker in rotation with the fewest tasks in flight, counting the tasks of
   * this stage already placed; ties go to the first worker from {@code start} on. With idle workers
   * that is round robin from the cursor, so a one-task scan does not always land on the first
   * worker, and a stage's tasks spread evenly.
   */
  private TaskPlacement placeFrom(int start, int tasks) {
    List<Integer> candidates = candidates();
    int[] load = new int[runners.size()];
    for (int i = 0; i < runners.size(); i++) {
      load[i] = runners.get(i).tasksInFlight();
    }
    List<Integer> placed = new ArrayList<>(tasks);
    for (int task = 0; task < tasks; task++) {
      int best = -1;
      for (int step = 0; step < runners.size(); step++) {
        int worker = Math.floorMod(start + step, runners.size());
        if (candidates.contains(worker) && (best < 0 || load[worker] < load[best])) {
          best = worker;
        }
      }
      load[best]++;
      placed.add(best);
    }
    return new TaskPlacement(placed);
  }

  /**
   * Where attempt {@code attempt} (from 1) of task {@code task} runs: the worker the placement
   * chose for its first attempt, or the workers in rotation after it, one more for each attempt.
   */
  TaskRunner runnerFor(TaskPlacement placement, int task, int attempt) {
    List<Integer> candidates = candidates();
    int preferred = placement.workerOf(task);
    // The first candidate at or after the preferred worker, then one step per further attempt.
    int first = 0;
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i) >= preferred) {
        first = i;
        break;
      }
    }
    return runners.get(candidates.get(Math.floorMod(first + attempt - 1, candidates.size())));
  }

  /** How many workers take tasks now (all of them when none does). */
  int inRotation() {
    return candidates().size();
  }

  /** The indexes of the workers in rotation, or of all of them when none is. */
  private List<Integer> candidates() {
    List<Integer> candidates = new ArrayList<>(runners.size());
    for (int i = 0; i < runners.size(); i++) {
      if (health.get(i).inRotation()) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      for (int i = 0; i < runners.size(); i++) {
        candidates.add(i);
      }
    }
    return candidates;
  }

  /**
   * Records how an attempt on {@code runner} ended: a failure that is the worker's takes it out of
   * rotation; an attempt that ended otherwise shows it answers.
   */
  void report(TaskRunner runner, Throwable failure) {
    int index = runners.indexOf(runner);
    if (index < 0) {
      return;
    }
    if (failure == null) {
      health.get(index).succeeded();
    } else if (WorkerHealth.isWorkerFault(failure)) {
      health.get(index).failed(message(failure));
    }
  }

  /** Each worker's standing, in configuration order. */
  List<WorkerHealth.Status> statuses() {
    return health.stream().map(WorkerHealth::status).toList();
  }

  /**
   * Checks the workers that are due: one out of rotation once its backoff has passed, one in
   * rotation every {@link #CHECK_EVERY}. A check is the identity handshake a task starts with.
   */
  private void checkDue() {
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
        runners.get(i).probe(CHECK_TIMEOUT);
        worker.succeeded();
      } catch (RuntimeException e) {
        worker.failed(message(e));
      }
    }
  }

  private static String message(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }

  /** Stops the checks; the runners belong to the caller. */
  @Override
  public void close() {
    checks.cancel(false);
  }
}
