package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.exec.WorkerSecret;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A proof captured from one coordinator call admits no second call: each nonce is used once. */
class ReplayedProofTest {
  @Test
  void aWorkerRefusesTheSameProofTwice() throws Exception {
    try (WorkerServer worker = WorkerServer.start("127.0.0.1", 0, Cluster.SECRET);
        BufferAllocator allocator = new RootAllocator();
        FlightClient client =
            FlightClient.builder(
                    allocator, Location.forGrpcInsecure("127.0.0.1", worker.address().port()))
                .build()) {
      CallHeaders captured = new FlightCallHeaders();
      Cluster.SECRET.coordinatorHeaders().forEach(captured::insert);

      assertTrue(
          hello(client, captured), "the first call is admitted and the worker proves itself");
      FlightRuntimeException replay =
          assertThrows(FlightRuntimeException.class, () -> hello(client, captured));
      assertEquals(FlightStatusCode.UNAUTHENTICATED, replay.status().code());
      assertTrue(replay.getMessage().contains("already used"), replay.getMessage());

      CallHeaders fresh = new FlightCallHeaders();
      Cluster.SECRET.coordinatorHeaders().forEach(fresh::insert);
      assertTrue(hello(client, fresh), "a new nonce is admitted");
    }
  }

  /** Runs the hello action with these headers; true when the worker's answer proves the secret. */
  private static boolean hello(FlightClient client, CallHeaders headers) {
    String challenge = WorkerSecret.newNonce();
    Iterator<Result> results =
        client.doAction(
            new Action(WorkerSecret.HELLO_ACTION, challenge.getBytes(StandardCharsets.UTF_8)),
            new HeaderCallOption(headers));
    String proof = new String(results.next().getBody(), StandardCharsets.UTF_8);
    while (results.hasNext()) {
      results.next();
    }
    return Cluster.SECRET.verify(proof, WorkerSecret.WORKER, challenge);
  }
}
