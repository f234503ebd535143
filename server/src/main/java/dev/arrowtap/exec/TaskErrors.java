package dev.arrowtap.exec;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.metrics.TaskMetrics;
import java.io.IOException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * How a task's failure crosses from a worker to the coordinator: the worker's error status carries
 * the SQLState, whether another attempt could help, and the task's counts so far, so that the
 * coordinator reports the same error a local task would and the task's metrics include the requests
 * it made before it failed.
 */
public final class TaskErrors {
  private static final String SQL_STATE = "arrowtap-sqlstate";
  private static final String PERMANENT = "arrowtap-permanent";
  private static final String PROGRESS = "arrowtap-progress-bin";

  private TaskErrors() {}

  /** The status a worker ends a failed task's stream with. */
  public static CallStatus toStatus(TaskTicket ticket, Exception error, TaskMetrics metrics) {
    ErrorFlightMetadata metadata = new ErrorFlightMetadata();
    metadata.insert(PROGRESS, TaskCodec.encodeProgress(metrics.progress()));
    if (error instanceof ArrowtapException user) {
      metadata.insert(SQL_STATE, user.sqlState());
      metadata.insert(PERMANENT, String.valueOf(error instanceof PermanentFailure));
      // The user error already names the table, the URL and the page: keep its words.
      return CallStatus.INTERNAL
          .withDescription(user.getMessage())
          .withCause(error)
          .withMetadata(metadata);
    }
    return CallStatus.INTERNAL
        .withDescription(ticket.describe() + " failed: " + error.getMessage())
        .withCause(error)
        .withMetadata(metadata);
  }

  /**
   * The coordinator's view of a worker's error: the worker's own user error (permanent or not) when
   * it sent one, otherwise an IOException naming the worker. Takes over the counts it carries.
   */
  static Exception fromStatus(FlightRuntimeException e, String worker, TaskMetrics metrics) {
    ErrorFlightMetadata metadata = e.status().metadata();
    // ErrorFlightMetadata.get throws on a missing key: a status without our keys (a worker that
    // is gone or stopping answers UNAVAILABLE with none) must stay the IOException below.
    byte[] progress =
        metadata == null || !metadata.containsKey(PROGRESS) ? null : metadata.getByte(PROGRESS);
    if (progress != null) {
      try {
        metrics.absorb(TaskCodec.decodeProgress(progress));
      } catch (IOException unreadable) {
        // A worker of another version: the counts stay as they were.
      }
    }
    String description = e.status().description();
    String state =
        metadata == null || !metadata.containsKey(SQL_STATE) ? null : metadata.get(SQL_STATE);
    if (state != null && description != null) {
      if (metadata.containsKey(PERMANENT) && Boolean.parseBoolean(metadata.get(PERMANENT))) {
        return new PermanentFailure(state, description, e);
      }
      return new ArrowtapException(state, description, e);
    }
    return new IOException(
        "worker "
            + worker
            + ": "
            + e.status().code()
            + (description == null || description.isBlank() ? "" : " " + description),
        e);
  }
}
