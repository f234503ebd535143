package dev.arrowtap.exec;

import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
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

  public WorkerTaskRunner(WorkerAddress address, WorkerSecret secret, BufferAllocator parent) {
    this.address = address;
    this.secret = secret;
    this.allocator = parent.newChildAllocator("worker client " + address, 0, Long.MAX_VALUE);
    this.client =
        FlightClient.builder(allocator, Location.forGrpcInsecure(address.host(), address.port()))
            .build();
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
    CallHeaders headers = new FlightCallHeaders();
    headers.insert(WorkerSecret.HEADER, secret.headerValue());
    FlightStream stream =
        client.getStream(new Ticket(TaskCodec.encode(ticket)), new HeaderCallOption(headers));
    return new WorkerBatchReader(stream, context.metrics(), location());
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
