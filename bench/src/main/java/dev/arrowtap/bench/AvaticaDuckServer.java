package dev.arrowtap.bench;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The JDBC-transport peer: plain Avatica ({@code JdbcMeta} over an in-memory DuckDB) served by
 * Avatica's own HTTP server on loopback, speaking JSON as arrowtap's server does.
 */
final class AvaticaDuckServer implements AutoCloseable {
  private final HttpServer server;

  AvaticaDuckServer() throws SQLException {
    JdbcMeta meta = new JdbcMeta("jdbc:duckdb:");
    ServerCustomizer<Server> loopback =
        jetty -> {
          for (Connector connector : jetty.getConnectors()) {
            ((ServerConnector) connector).setHost("127.0.0.1");
          }
        };
    server =
        new HttpServer.Builder<Server>()
            .withHandler(new LocalService(meta), Serialization.JSON)
            .withPort(0)
            .withServerCustomizers(List.of(loopback), Server.class)
            .build();
    server.start();
  }

  /** The client URL; Avatica's own remote driver ({@code jdbc:avatica:remote:}) answers it. */
  String url() {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + server.getPort() + ";serialization=JSON";
  }

  @Override
  public void close() {
    server.stop();
  }
}
