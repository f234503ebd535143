package dev.arrowtap.exec;

import dev.arrowtap.metrics.TaskMetrics;
import java.io.IOException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads one task's batches from a worker's Flight stream. Messages with zero rows carry only
 * metrics; every message's metrics replace the previous ones, so the latest counts are kept even
 * when the query stops reading early.
 */
final class WorkerBatchReader implements BatchReader {
  private final FlightStream stream;
  private final TaskMetrics metrics;
  private final String worker;
  private final Runnable onClose;
  private boolean done;
  private boolean closed;

  /**
   * @param onClose runs once when the reader is closed: the task no longer counts against the
   *     worker's load
   */
  WorkerBatchReader(FlightStream stream, TaskMetrics metrics, String worker, Runnable onClose) {
    this.stream = stream;
    this.metrics = metrics;
    this.worker = worker;
    this.onClose = onClose;
  }

  @Override
  public VectorSchemaRoot next() throws IOException {
    if (done) {
      return null;
    }
    try {
      while (stream.next()) {
        absorbMetadata();
        VectorSchemaRoot root = stream.getRoot();
        if (root.getRowCount() > 0) {
          return root;
        }
      }
      done = true;
      return null;
    } catch (FlightRuntimeException e) {
      done = true;
      Exception error = TaskErrors.fromStatus(e, worker, metrics);
      if (error instanceof RuntimeException user) {
        throw user;
      }
      throw (IOException) error;
    }
  }

  private void absorbMetadata() throws IOException {
    ArrowBuf metadata = stream.getLatestMetadata();
    if (metadata == null || metadata.readableBytes() == 0) {
      return;
    }
    byte[] bytes = new byte[(int) metadata.readableBytes()];
    metadata.getBytes(metadata.readerIndex(), bytes);
    metrics.absorb(TaskCodec.decodeProgress(bytes));
  }

  @Override
  public void cancel() {
    if (!done) {
      stream.cancel("the query stopped reading", null);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
    try {
      stream.close();
    } catch (FlightRuntimeException e) {
      // Flight frees the stream's buffers before it rethrows the call's status: either the
      // cancellation we asked for or a failure next() has already reported.
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the stream from worker " + worker, e);
    }
  }
}
