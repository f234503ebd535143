package dev.arrowtap.tck;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The two ways a client reaches arrowtap; every conformance test runs against both. */
public enum Mode {
  EMBEDDED {
    @Override
    String url() {
      return "jdbc:arrowtap:";
    }
  },
  REMOTE {
    @Override
    String url() {
      return "jdbc:arrowtap:url=" + RemoteServer.INSTANCE.server.url();
    }
  };

  abstract String url();

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  Connection connect(Properties properties) throws SQLException {
    return DriverManager.getConnection(url(), properties);
  }

  /** Connects with one extra connection property. */
  Connection connect(String key, String value) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    return connect(properties);
  }

  /** One real Avatica HTTP server on a loopback port, shared by the suite, stopped at exit. */
  private static final class RemoteServer {
    static final RemoteServer INSTANCE = new RemoteServer();
    final ArrowtapServer server;

    private RemoteServer() {
      try {
        server = ArrowtapServer.start(new ArrowtapEngine(EngineConfig.defaults()), "127.0.0.1", 0);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
  }
}
