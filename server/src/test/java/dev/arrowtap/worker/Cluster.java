package dev.arrowtap.worker;

import static org.awaitility.Awaitility.await;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.exec.WorkerSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Real Flight workers on loopback ports, and engines that send them tasks. */
final class Cluster implements AutoCloseable {
  static final WorkerSecret SECRET = WorkerSecret.of("test-secret-0123456789");

  final List<WorkerServer> workers = new ArrayList<>();

  static Cluster start(int count) {
    Cluster cluster = new Cluster();
    for (int i = 0; i < count; i++) {
      try {
        cluster.workers.add(WorkerServer.start("127.0.0.1", 0, SECRET));
      } catch (IOException e) {
        cluster.close();
        throw new UncheckedIOException(e);
      }
    }
    return cluster;
  }

  List<WorkerAddress> addresses(int count) {
    return workers.subList(0, count).stream().map(WorkerServer::address).toList();
  }

  /** An engine using the first {@code count} workers (none: everything local). */
  ArrowtapEngine engine(int count) {
    return engine(addresses(count), SECRET, ExecutionConfig.DEFAULT_TASK_ATTEMPTS);
  }

  static ArrowtapEngine engine(List<WorkerAddress> addresses, WorkerSecret secret, int attempts) {
    ExecutionConfig execution =
        ExecutionConfig.local()
            .withTaskAttempts(attempts)
            .withWorkers(addresses, addresses.isEmpty() ? Optional.empty() : Optional.of(secret));
    return new ArrowtapEngine(EngineConfig.defaults().withLocalSlots(2).withExecution(execution));
  }

  /**
   * Waits up to thirty seconds (a loaded CI machine starts JVMs slowly) for a condition other
   * threads make true.
   */
  static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    eventually(condition, what, Duration.ofSeconds(30));
  }

  /** Waits up to {@code bound} for a condition other threads make true. */
  static void eventually(BooleanSupplier condition, String what, Duration bound)
      throws InterruptedException {
    await(what).atMost(bound).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }

  @Override
  public void close() {
    for (WorkerServer worker : workers) {
      worker.close();
    }
  }
}
