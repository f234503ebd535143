package dev.arrowtap.worker;

import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.exec.ArrowMemoryAccess;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.source.TaskTypes;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** A running worker: a Flight server on one address that admits only the shared secret. */
public final class WorkerServer implements AutoCloseable {
  private static final long STOP_WAIT_MILLIS = 10_000;

  /**
   * Threads for Flight calls, shared by the workers of a JVM and never shut down: gRPC still hands
   * them call-completion work after a server stops, which a terminated pool would reject (and log).
   * They are daemons and expire after a minute idle.
   */
  private static final ExecutorService CALL_THREADS =
      Executors.newCachedThreadPool(DaemonThreads.named("arrowtap-worker-call"));

  private final BufferAllocator allocator;
  private final FlightServer server;
  private final WorkerFlightProducer producer;
  private final AtomicBoolean stopping;
  private final WorkerAddress address;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WorkerServer(
      BufferAllocator allocator,
      FlightServer server,
      WorkerFlightProducer producer,
      AtomicBoolean stopping,
      WorkerAddress address) {
    this.allocator = allocator;
    this.server = server;
    this.producer = producer;
    this.stopping = stopping;
    this.address = address;
  }

  /** Starts a worker on {@code bind:port} ({@code port} 0 picks a free one). */
  public static WorkerServer start(String bind, int port, WorkerSecret secret) throws IOException {
    return start(bind, port, secret, Optional.empty());
  }

  /**
   * Starts a worker that, given a certificate chain and its private key (PEM files), speaks TLS
   * only.
   */
  public static WorkerServer start(
      String bind, int port, WorkerSecret secret, Optional<WorkerTls> tls) throws IOException {
    TaskTypes.registerBuiltIns();
    // Flight's sender views Arrow buffers as java.nio buffers: a worker started without
    // --add-opens works too.
    ArrowMemoryAccess.ensure();
    BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
    AtomicBoolean stopping = new AtomicBoolean();
    LocationHolder location = new LocationHolder();
    WorkerFlightProducer producer = new WorkerFlightProducer(allocator, location, stopping, secret);
    FlightServer server =
        tls(
                FlightServer.builder(
                        allocator,
                        tls.isPresent()
                            ? Location.forGrpcTls(bind, port)
                            : Location.forGrpcInsecure(bind, port),
                        producer)
                    .middleware(SecretAuth.KEY, new SecretAuth(secret))
                    .executor(CALL_THREADS),
                tls)
            .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      allocator.close();
      throw e;
    }
    WorkerAddress address = new WorkerAddress(bind, server.getPort());
    location.set(address.toString());
    return new WorkerServer(allocator, server, producer, stopping, address);
  }

  private static FlightServer.Builder tls(FlightServer.Builder builder, Optional<WorkerTls> tls)
      throws IOException {
    if (tls.isPresent()) {
      builder.useTls(tls.get().certificateChain().toFile(), tls.get().privateKey().toFile());
    }
    return builder;
  }

  public int port() {
    return address.port();
  }

  /** {@code host:port} as coordinators name this worker. */
  public WorkerAddress address() {
    return address;
  }

  /** Tasks running now; zero once every stream has ended or been cancelled. */
  public int runningTasks() {
    return producer.runningTasks();
  }

  /** The worker's Arrow memory, for tests that check nothing is left allocated. */
  public BufferAllocator allocator() {
    return allocator;
  }

  /** Whether this worker has begun to stop: it takes no task and ends the running ones. */
  public boolean isStopping() {
    return stopping.get();
  }

  /** Stops: running tasks end their streams with UNAVAILABLE, then the server and memory go. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopping.set(true);
    try {
      server.shutdown();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
      while (!server.awaitTermination(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
        // Waiting for running tasks to notice the stop and end their streams.
      }
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (producer.runningTasks() == 0) {
        allocator.close();
      }
    }
  }

  /** The worker's own address, known once the server has bound its port. */
  static final class LocationHolder implements Supplier<String> {
    private volatile String value = "";

    void set(String location) {
      value = location;
    }

    @Override
    public String get() {
      return value;
    }
  }
}
