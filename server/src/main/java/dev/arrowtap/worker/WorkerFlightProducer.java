package dev.arrowtap.worker;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.Batches;
import dev.arrowtap.exec.TaskCodec;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskErrors;
import dev.arrowtap.exec.TaskTicket;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.metrics.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs the task a ticket describes and streams its batches. It sends a batch only when the client
 * is ready for it (Flight's {@code putNext} does not wait), stops when the client cancels or goes
 * away, and attaches the task's cumulative metrics to every batch and to a final zero-row message.
 */
final class WorkerFlightProducer extends NoOpFlightProducer {
  private static final long READY_POLL_MILLIS = 100;
  private static final Logger LOG = Logger.getLogger(ProcessLog.ROOT + ".worker");

  private final BufferAllocator allocator;
  private final WorkerSecret secret;
  private final Supplier<String> location;
  private final AtomicBoolean stopping;
  private final AtomicInteger running = new AtomicInteger();

  WorkerFlightProducer(
      BufferAllocator allocator,
      Supplier<String> location,
      AtomicBoolean stopping,
      WorkerSecret secret) {
    this.secret = secret;
    this.allocator = allocator;
    this.location = location;
    this.stopping = stopping;
  }

  /** Tasks running now. */
  int runningTasks() {
    return running.get();
  }

  /**
   * {@value WorkerSecret#HELLO_ACTION}: proves this worker knows the secret, over the coordinator's
   * challenge, before the coordinator sends it any task (tasks may carry a feed's credentials).
   */
  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (!WorkerSecret.HELLO_ACTION.equals(action.getType())) {
      listener.onError(
          CallStatus.UNIMPLEMENTED
              .withDescription("unknown action " + action.getType())
              .toRuntimeException());
      return;
    }
    String challenge = new String(action.getBody(), StandardCharsets.UTF_8);
    listener.onNext(
        new Result(secret.proof(WorkerSecret.WORKER, challenge).getBytes(StandardCharsets.UTF_8)));
    listener.onCompleted();
  }

  @Override
  public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
    TaskTicket task;
    try {
      task = TaskCodec.decode(ticket.getBytes());
    } catch (IOException e) {
      listener.error(
          CallStatus.INVALID_ARGUMENT
              .withDescription("not a task this worker knows: " + e.getMessage())
              .toRuntimeException());
      return;
    }
    running.incrementAndGet();
    TaskMetrics metrics = new TaskMetrics();
    try {
      stream(task, listener, metrics);
    } finally {
      running.decrementAndGet();
      log(task, metrics);
    }
  }

  /** One line per task: failed tasks at warn, the others at info. */
  private static void log(TaskTicket ticket, TaskMetrics metrics) {
    boolean failed = metrics.state() == TaskState.FAILED;
    Level level = failed ? Level.WARNING : Level.INFO;
    if (!LOG.isLoggable(level)) {
      return;
    }
    LOG.log(
        level,
        LogLine.event("task")
            .with("query", ticket.queryId())
            .with("stage", ticket.stage())
            .with("task", ticket.task())
            .with("slice", ticket.spec().redact(ticket.spec().slice()))
            .with("state", metrics.state())
            .with("duration_ms", metrics.elapsedMillis())
            .with("rows", metrics.rows())
            .with("requests", metrics.httpRequests())
            .with("error", metrics.error() == null ? null : ticket.spec().redact(metrics.error()))
            .toString());
  }

  private void stream(TaskTicket ticket, ServerStreamListener listener, TaskMetrics metrics) {
    CancelAwareBackpressure backpressure = new CancelAwareBackpressure();
    backpressure.register(listener);
    metrics.startAttempt(location.get());
    try (BufferAllocator taskAllocator =
            allocator.newChildAllocator(ticket.describe(), 0, Long.MAX_VALUE);
        VectorSchemaRoot out =
            VectorSchemaRoot.create(Schema.fromJSON(ticket.schema()), taskAllocator)) {
      TaskContext context =
          new TaskContext(
              taskAllocator,
              ticket.batchSize(),
              // isCancelled reads the call's state: the cancel callback may wait until this
              // method returns, and a partial aggregate reads its whole input before it writes.
              () -> backpressure.cancelled.get() || listener.isCancelled() || stopping.get(),
              metrics,
              location.get());
      listener.start(out);
      VectorLoader loader = new VectorLoader(out);
      try (BatchReader reader = ticket.spec().open(context)) {
        VectorSchemaRoot batch;
        while (awaitReady(backpressure, context) && (batch = reader.next()) != null) {
          try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            loader.load(record);
          }
          metrics.addBatch(out.getRowCount(), Batches.sizeInBytes(out));
          metrics.notePeakMemory(taskAllocator.getPeakMemoryAllocation());
          listener.putNext(progress(taskAllocator, metrics));
        }
      }
      metrics.notePeakMemory(taskAllocator.getPeakMemoryAllocation());
      if (listener.isCancelled()) {
        backpressure.cancelled.set(true);
      }
      metrics.finish(
          backpressure.cancelled.get()
              ? TaskState.STOPPED
              : stopping.get() ? TaskState.CANCELLED : TaskState.FINISHED,
          stopping.get() ? "worker shutting down" : null);
      finish(listener, backpressure, taskAllocator, metrics);
    } catch (IOException | RuntimeException e) {
      metrics.finish(
          backpressure.cancelled.get() ? TaskState.STOPPED : TaskState.FAILED, e.getMessage());
      if (!backpressure.cancelled.get()) {
        listener.error(TaskErrors.toStatus(ticket, e, metrics).toRuntimeException());
      }
    }
  }

  private void finish(
      ServerStreamListener listener,
      CancelAwareBackpressure backpressure,
      BufferAllocator taskAllocator,
      TaskMetrics metrics) {
    if (backpressure.cancelled.get()) {
      return; // The client went away or stopped reading; nobody is listening.
    }
    if (stopping.get()) {
      listener.error(
          CallStatus.UNAVAILABLE
              .withDescription("worker " + location.get() + " is shutting down")
              .toRuntimeException());
      return;
    }
    listener.putMetadata(progress(taskAllocator, metrics));
    listener.completed();
  }

  /** Waits until the client can take a message; false when the task should stop instead. */
  private static boolean awaitReady(CancelAwareBackpressure backpressure, TaskContext context) {
    while (!context.isStopped()) {
      BackpressureStrategy.WaitResult result = backpressure.waitForListener(READY_POLL_MILLIS);
      if (result == BackpressureStrategy.WaitResult.READY) {
        return true;
      }
      if (result == BackpressureStrategy.WaitResult.CANCELLED) {
        return false;
      }
    }
    return false;
  }

  private static ArrowBuf progress(BufferAllocator allocator, TaskMetrics metrics) {
    byte[] bytes = TaskCodec.encodeProgress(metrics.progress());
    ArrowBuf buffer = allocator.buffer(bytes.length);
    buffer.writeBytes(bytes);
    return buffer;
  }

  /** Flight's callback strategy, remembering whether the client cancelled. */
  private static final class CancelAwareBackpressure
      extends BackpressureStrategy.CallbackBackpressureStrategy {
    final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    protected void cancelCallback() {
      cancelled.set(true);
      super.cancelCallback();
    }
  }
}
