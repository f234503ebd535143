package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts connections and closes them without answering (plain HTTP at a TLS port, a
 * proxy with no backend) makes the remote driver fail after a few attempts with a connection
 * SQLState, instead of reconnecting forever. Remote mode only: embedded mode has no connection.
 */
class DroppingServerTest {

  @Test
  void connectingToADroppingServerFailsAfterAFewAttempts() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread dropper =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "dropping-server");
      dropper.setDaemon(true);
      dropper.start();
      String url = "jdbc:arrowtap:url=http://127.0.0.1:" + server.getLocalPort();
      SQLException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> assertThrows(SQLException.class, () -> DriverManager.getConnection(url)));
      assertTrue(
          e.getSQLState() != null && e.getSQLState().startsWith("08"),
          () -> "SQLState " + e.getSQLState() + ": " + e.getMessage());
      assertTrue(
          accepted.get() >= 1 && accepted.get() <= 10,
          () -> accepted.get() + " connections accepted");
    }
  }
}
