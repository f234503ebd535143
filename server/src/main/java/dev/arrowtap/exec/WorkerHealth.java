package dev.arrowtap.exec;

import dev.arrowtap.log.LogLine;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * What the coordinator knows of one worker: in rotation or not, its failures, and when a worker
 * taken out of rotation is tried again (exponential backoff, from {@link #FIRST_RETRY} up to {@link
 * #LAST_RETRY}).
 */
public final class WorkerHealth {
  /** Where a worker stands. */
  public enum State {
    /** Not contacted yet: in rotation. */
    UNKNOWN,
    UP,
    /** Failed: out of rotation until a check succeeds. */
    DOWN
  }

  /**
   * One worker's figures at one moment: a row of {@code sys.workers} and an entry of {@code
   * /health}.
   *
   * @param lastFailureMillis when it last failed (epoch millis), or 0
   * @param retryInMillis for a worker out of rotation, when it is checked again; else 0
   */
  public record Status(
      String address,
      State state,
      long failures,
      int consecutiveFailures,
      String lastError,
      long lastFailureMillis,
      long retryInMillis) {}

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);
  private static final Logger LOG = Logger.getLogger("dev.arrowtap.exec");

  private final WorkerAddress address;
  private State state = State.UNKNOWN;
  private long failures;
  private int consecutiveFailures;
  private String lastError;
  private long lastFailureMillis;
  private long retryAtNanos;

  WorkerHealth(WorkerAddress address) {
    this.address = address;
  }

  /**
   * Whether an attempt's failure is the worker's (unreachable, stopping, not proving the secret)
   * rather than the task's (a feed that answered an error on the worker).
   */
  static boolean isWorkerFault(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FlightRuntimeException flight) {
        FlightStatusCode code = flight.status().code();
        return code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.UNAUTHENTICATED;
      }
    }
    return false;
  }

  synchronized boolean inRotation() {
    return state != State.DOWN;
  }

  /** Whether the worker is out of rotation and its next check is due. */
  synchronized boolean dueForCheck(long nowNanos) {
    return state == State.DOWN && nowNanos - retryAtNanos >= 0;
  }

  /** The worker answered: back in rotation. */
  void succeeded() {
    boolean back;
    synchronized (this) {
      back = state == State.DOWN;
      state = State.UP;
      consecutiveFailures = 0;
    }
    if (back) {
      LOG.info(LogLine.event("worker_up").with("worker", address).toString());
    }
  }

  /** The worker failed: out of rotation, tried again after a backoff that grows with failures. */
  void failed(String error) {
    boolean down;
    long backoffMillis;
    synchronized (this) {
      down = state != State.DOWN;
      state = State.DOWN;
      failures++;
      consecutiveFailures++;
      lastError = error;
      lastFailureMillis = System.currentTimeMillis();
      backoffMillis =
          Math.min(
              LAST_RETRY.toMillis(),
              FIRST_RETRY.toMillis() << Math.min(16, consecutiveFailures - 1));
      retryAtNanos = System.nanoTime() + backoffMillis * 1_000_000;
    }
    if (down && LOG.isLoggable(Level.WARNING)) {
      LOG.warning(
          LogLine.event("worker_down")
              .with("worker", address)
              .with("failures", failures)
              .with("retry_in_ms", backoffMillis)
              .with("error", error)
              .toString());
    }
  }

  public synchronized Status status() {
    long retryIn =
        state == State.DOWN ? Math.max(0, (retryAtNanos - System.nanoTime()) / 1_000_000) : 0;
    return new Status(
        address.toString(),
        state,
        failures,
        consecutiveFailures,
        lastError,
        lastFailureMillis,
        retryIn);
  }
}
