package dev.arrowtap.tck;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.SQLException;

/** A real server on a loopback port that a test can stop and start again on the same port. */
final class RestartableServer {
  private final int port;
  private ArrowtapServer server;
  private ArrowtapEngine engine;

  RestartableServer() throws SQLException {
    engine = new ArrowtapEngine(EngineConfig.defaults());
    server = ArrowtapServer.start(engine, "127.0.0.1", 0);
    port = server.port();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the server and its engine: every session it held is gone. */
  synchronized void stop() {
    if (server != null) {
      ArrowtapServer stopping = server;
      server = null;
      stopping.close();
    }
  }

  /** A new server process, as after a restart: same port, no sessions. */
  synchronized void restart() throws SQLException {
    stop();
    engine = new ArrowtapEngine(EngineConfig.defaults());
    server = ArrowtapServer.start(engine, "127.0.0.1", port);
  }
}
