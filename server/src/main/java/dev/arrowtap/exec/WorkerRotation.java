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
   * Where attempt {@code attempt} (from 1) of task {@code task} runs: round robin over the workers
   * in rotation, or over all of them when none is.
   */
  TaskRunner runnerFor(int task, int attempt) {
    List<TaskRunner> candidates = new ArrayList<>(runners.size());
    for (int i = 0; i < runners.size(); i++) {
      if (health.get(i).inRotation()) {
        candidates.add(runners.get(i));
      }
    }
    if (candidates.isEmpty()) {
      candidates.addAll(runners);
    }
    return candidates.get(Math.floorMod(task + attempt - 1, candidates.size()));
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
