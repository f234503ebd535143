package dev.arrowtap.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 7: which host:port pairs reach the server's own endpoints or its workers. */
class InternalEndpointsTest {
  @Test
  void aServerOnEveryInterfaceIsReachedByAnyNameOfThisMachine() {
    InternalEndpoints endpoints = new InternalEndpoints();
    endpoints.add("0.0.0.0", 9000, "this server's own endpoint");
    endpoints.add("10.255.255.1", 4001, "worker 10.255.255.1:4001");
    assertEquals(Optional.of("this server's own endpoint"), endpoints.reached("127.0.0.1", 9000));
    assertEquals(Optional.of("this server's own endpoint"), endpoints.reached("localhost", 9000));
    assertEquals(Optional.of("this server's own endpoint"), endpoints.reached("127.0.0.2", 9000));
    assertEquals(Optional.empty(), endpoints.reached("127.0.0.1", 9001));
    assertEquals(Optional.of("worker 10.255.255.1:4001"), endpoints.reached("10.255.255.1", 4001));
    assertEquals(Optional.empty(), endpoints.reached("10.255.255.2", 4001));
    assertEquals(Optional.empty(), endpoints.reached("no-such-host.invalid", 9000));
  }
}
