package dev.arrowtap.worker;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.Batches;
import dev.arrowtap.exec.TaskCodec;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskTicket;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.metrics.TaskMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
    try {
      stream(task, listener);
    } finally {
      running.decrementAndGet();
    }
  }

  private void stream(TaskTicket ticket, ServerStreamListener listener) {
    CancelAwareBackpressure backpressure = new CancelAwareBackpressure();
    backpressure.register(listener);
    TaskMetrics metrics = new TaskMetrics();
    metrics.startAttempt(location.get());
    try (BufferAllocator taskAllocator =
            allocator.newChildAllocator(ticket.describe(), 0, Long.MAX_VALUE);
        VectorSchemaRoot out =
            VectorSchemaRoot.create(Schema.fromJSON(ticket.schema()), taskAllocator)) {
      TaskContext context =
          new TaskContext(
              taskAllocator,
              ticket.batchSize(),
              () -> backpressure.cancelled.get() || stopping.get(),
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
      finish(listener, backpressure, taskAllocator, metrics);
    } catch (IOException | RuntimeException e) {
      if (!backpressure.cancelled.get()) {
        listener.error(
            CallStatus.INTERNAL
                .withDescription(ticket.describe() + " failed: " + e.getMessage())
                .withCause(e)
                .toRuntimeException());
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
