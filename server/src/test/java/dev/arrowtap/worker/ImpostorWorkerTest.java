package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.exec.WorkerAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Workers prove themselves too: something else at a worker's address gets no task. */
class ImpostorWorkerTest {
  @Test
  void coordinatorSendsNoTaskToAProcessThatCannotProveTheSecret() throws Exception {
    AtomicInteger tasksReceived = new AtomicInteger();
    NoOpFlightProducer impostor =
        new NoOpFlightProducer() {
          @Override
          public void doAction(
              CallContext context, Action action, StreamListener<Result> listener) {
            listener.onNext(new Result("a guess".getBytes(StandardCharsets.UTF_8)));
            listener.onCompleted();
          }

          @Override
          public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            tasksReceived.incrementAndGet();
            listener.completed();
          }
        };
    try (BufferAllocator allocator = new RootAllocator();
        FlightServer server =
            FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), impostor)
                .build()) {
      server.start();
      WorkerAddress address = new WorkerAddress("127.0.0.1", server.getPort());
      try (ArrowtapEngine engine = Cluster.engine(List.of(address), Cluster.SECRET, 1);
          Connection connection = engine.connect(Map.of());
          Statement statement = connection.createStatement()) {
        SQLException error =
            assertThrows(
                SQLException.class,
                () -> statement.executeQuery("SELECT count(*) FROM numbers(0, 100)"));
        assertTrue(
            error.getMessage().contains("could not prove it knows the worker secret"),
            error.getMessage());
      }
      assertEquals(0, tasksReceived.get());
    }
  }
}
