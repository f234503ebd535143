package dev.arrowtap.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs tasks on one worker over Arrow Flight: one client (and gRPC channel) per worker, shared by
 * every task sent there. The client's allocator is a child of the engine's, so batches move into a
 * scan without copying.
 */
public final class WorkerTaskRunner implements TaskRunner {
  private final WorkerAddress address;
  private final WorkerSecret secret;
  private final BufferAllocator allocator;
  private final FlightClient client;
  private volatile boolean verified;

  /** Tasks this coordinator has open on the worker: what placement balances. */
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A runner for one worker.
   *
   * @param tlsCa when present, the worker speaks TLS and its certificate must chain to this CA
   */
  public WorkerTaskRunner(
      WorkerAddress address, WorkerSecret secret, BufferAllocator parent, Optional<Path> tlsCa) {
    this.address = address;
    this.secret = secret;
    this.allocator = parent.newChildAllocator("worker client " + address, 0, Long.MAX_VALUE);
    this.client = client(address, tlsCa, allocator);
  }

  private static FlightClient client(
      WorkerAddress address, Optional<Path> tlsCa, BufferAllocator allocator) {
    if (tlsCa.isEmpty()) {
      return FlightClient.builder(
              allocator, Location.forGrpcInsecure(address.host(), address.port()))
          .build();
    }
    try (InputStream ca = Files.newInputStream(tlsCa.get())) {
      return FlightClient.builder(allocator, Location.forGrpcTls(address.host(), address.port()))
          .trustedCertificates(ca)
          .build();
    } catch (IOException e) {
      allocator.close();
      throw new IllegalArgumentException(
          "cannot read the worker TLS CA " + tlsCa.get() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return address.toString();
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public BatchReader open(TaskTicket ticket, TaskContext context) {
    if (!verified) {
      verifyWorker();
    }
    CallHeaders headers = proofHeaders();
    inFlight.incrementAndGet();
    try {
      FlightStream stream =
          client.getStream(new Ticket(TaskCodec.encode(ticket)), new HeaderCallOption(headers));
      return new WorkerBatchReader(
          stream, context.metrics(), location(), inFlight::decrementAndGet);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
  }

  /** Tasks sent to this worker whose stream is still open. */
  int tasksInFlight() {
    return inFlight.get();
  }

  private CallHeaders proofHeaders() {
    CallHeaders headers = new FlightCallHeaders();
    secret.coordinatorHeaders().forEach(headers::insert);
    return headers;
  }

  /**
   * Asks the worker to prove it knows the secret before it gets a task: something else listening at
   * the worker's address must not receive tasks, nor the credentials feed tasks carry.
   */
  private void verifyWorker() {
    verifyWorker(VERIFY_TIMEOUT);
  }

  /**
   * Checks that the worker answers and proves it knows the secret, within {@code timeout}.
   *
   * @throws org.apache.arrow.flight.FlightRuntimeException when it does not
   */
  void probe(Duration timeout) {
    verifyWorker(timeout);
  }

  private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(30);

  private void verifyWorker(Duration timeout) {
    String challenge = WorkerSecret.newNonce();
    Iterator<Result> answer =
        client.doAction(
            new Action(WorkerSecret.HELLO_ACTION, challenge.getBytes(StandardCharsets.UTF_8)),
            new HeaderCallOption(proofHeaders()),
            CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    String proof =
        answer.hasNext() ? new String(answer.next().getBody(), StandardCharsets.UTF_8) : null;
    while (answer.hasNext()) {
      answer.next();
    }
    if (!secret.verify(proof, WorkerSecret.WORKER, challenge)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription(
              "the process at " + address + " could not prove it knows the worker secret")
          .toRuntimeException();
    }
    verified = true;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      allocator.close();
    }
  }
}
