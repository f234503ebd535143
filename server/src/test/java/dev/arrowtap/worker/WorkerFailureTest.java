package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.exec.TaskCodec;
import dev.arrowtap.exec.TaskTicket;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.TaskMetricsSnapshot;
import dev.arrowtap.source.numbers.NumbersTask;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Issue 4: workers that refuse, are down, or stop in the middle of a query. */
class WorkerFailureTest {
  @Test
  void aWrongSecretIsRejectedAndNeverShown() throws Exception {
    try (Cluster cluster = Cluster.start(1)) {
      WorkerAddress address = cluster.workers.get(0).address();
      try (BufferAllocator allocator = new RootAllocator();
          FlightClient client =
              FlightClient.builder(
                      allocator, Location.forGrpcInsecure(address.host(), address.port()))
                  .build()) {
        CallHeaders headers = new FlightCallHeaders();
        headers.insert(WorkerSecret.HEADER, "not-the-secret");
        FlightRuntimeException refused =
            assertThrows(
                FlightRuntimeException.class,
                () -> {
                  try (FlightStream stream =
                      client.getStream(ticket(), new HeaderCallOption(headers))) {
                    stream.next();
                  }
                });
        assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code());
      }
      WorkerSecret wrong = WorkerSecret.of("the-wrong-secret-42");
      try (ArrowtapEngine engine = Cluster.engine(List.of(address), wrong, 2);
          Connection connection = engine.connect(Map.of());
          Statement statement = connection.createStatement()) {
        SQLException error =
            assertThrows(
                SQLException.class,
                () -> statement.executeQuery("SELECT count(*) FROM numbers(0, 100)"));
        String message = error.getMessage();
        assertTrue(message.contains("the worker secret is missing or wrong"), message);
        assertTrue(message.contains("worker " + address), message);
        assertFalse(message.contains("the-wrong-secret-42"), message);
      }
      assertEquals(0, cluster.workers.get(0).runningTasks());
    }
  }

  @Test
  void aTaskWhoseWorkerIsDownRunsOnAnother() throws Exception {
    try (Cluster cluster = Cluster.start(2)) {
      List<WorkerAddress> addresses = cluster.addresses(2);
      cluster.workers.get(0).close();
      try (ArrowtapEngine engine = Cluster.engine(addresses, Cluster.SECRET, 3)) {
        try (Connection connection = engine.connect(Map.of());
            Statement statement = connection.createStatement();
            ResultSet rs =
                statement.executeQuery("SELECT count(*), sum(number) FROM numbers(0, 100)")) {
          assertTrue(rs.next());
          assertEquals(100, rs.getLong(1));
          assertEquals(4950, rs.getLong(2));
        }
        List<TaskMetricsSnapshot> tasks = last(engine).taskSnapshots();
        TaskMetricsSnapshot moved = tasks.get(0);
        assertEquals(2, moved.attempts());
        assertEquals(1, moved.retries());
        assertEquals(addresses.get(1).toString(), moved.worker());
        assertEquals("FINISHED", moved.state());
        // The count was pushed into the tasks: they read 100 rows and sent one group each.
        assertEquals(100, tasks.stream().mapToLong(TaskMetricsSnapshot::rowsIn).sum());
        assertEquals(2, tasks.stream().mapToLong(TaskMetricsSnapshot::rows).sum());
        assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
      }
    }
  }

  @Test
  void aTaskResumesOnAnotherWorkerAfterItsWorkerStoppedMidStream() throws Exception {
    try (Cluster cluster = Cluster.start(2)) {
      try (ArrowtapEngine engine = cluster.engine(2)) {
        long rows = 0;
        long sum = 0;
        WorkerServer stopped;
        // 80 MB of Arrow in one task: far more than the flow-control windows and the coordinator's
        // queue hold, so the worker cannot finish before it is stopped, however fast the machine.
        try (Connection connection =
                engine.connect(Map.of("batch_size", "1000", "numbers_per_task", "10000000"));
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 10000000)")) {
          assertTrue(rs.next());
          rows++;
          // Stop the worker the task runs on (placement skips a worker a slow check took out).
          String running = last(engine).taskSnapshots().get(0).worker();
          stopped =
              cluster.workers.stream()
                  .filter(w -> w.address().toString().equals(running))
                  .findFirst()
                  .orElseThrow();
          CompletableFuture<Void> stopping = CompletableFuture.runAsync(stopped::close);
          while (rs.next()) {
            rows++;
            sum += rs.getLong(1);
          }
          stopping.join();
        }
        assertEquals(10_000_000, rows, "every number once: none lost");
        assertEquals(10_000_000L * 9_999_999L / 2, sum, "and none twice");
        TaskMetricsSnapshot task = last(engine).taskSnapshots().get(0);
        assertEquals("FINISHED", task.state());
        assertEquals(2, task.attempts(), task.toString());
        assertNotEquals(stopped.address().toString(), task.worker());
        assertEquals(10_000_000, task.rows());
        assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
      }
    }
  }

  @Test
  void aWorkerStoppedAfterDeliveringRowsFailsTheQueryNamingTaskAndWorker() throws Exception {
    try (Cluster cluster = Cluster.start(1)) {
      WorkerServer worker = cluster.workers.get(0);
      try (ArrowtapEngine engine = cluster.engine(1)) {
        try (Connection connection = engine.connect(Map.of("batch_size", "1000"));
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT number FROM numbers(0, 1000000000)")) {
          assertTrue(rs.next());
          CompletableFuture<Void> stopping = CompletableFuture.runAsync(worker::close);
          // A bare engine connection reports the engine's own (unchecked) error here.
          Exception error =
              assertThrows(
                  Exception.class,
                  () -> {
                    while (rs.next()) {
                      // Rows buffered before the worker stopped are still delivered.
                    }
                  });
          stopping.join();
          String message = error.getMessage();
          assertTrue(message.contains("task t0 [0-1000000000)"), message);
          assertTrue(message.contains("failed on worker " + worker.address()), message);
          assertTrue(message.contains("after delivering"), message);
        }
        TaskMetricsSnapshot task = last(engine).taskSnapshots().get(0);
        assertEquals("FAILED", task.state());
        assertEquals(3, task.attempts(), "the rest of the range was tried until attempts ran out");
        assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
      }
      assertEquals(0, worker.runningTasks());
      assertEquals(0, worker.allocator().getAllocatedMemory());
    }
  }

  private static Ticket ticket() {
    Schema schema = new Schema(List.of(Field.notNullable("number", new ArrowType.Int(64, true))));
    return new Ticket(
        TaskCodec.encode(new TaskTicket(1, 1, 0, 100, schema.toJson(), new NumbersTask(0, 10))));
  }

  private static QueryMetrics last(ArrowtapEngine engine) {
    List<QueryMetrics> queries = engine.services().metrics().queries();
    return queries.get(queries.size() - 1);
  }
}
