package dev.arrowtap.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A feed of 1,200 sales with a DECIMAL amount, an instant ({@code timestamptz}) and a text with
 * characters outside Latin-1, served by a real HTTP server on loopback and reachable both ways.
 * Shared by the suite, stopped at exit.
 */
final class EdgeFeeds {
  static final EdgeFeeds INSTANCE = new EdgeFeeds();

  static final int ROWS = 1_200;

  final Path catalog;
  final ArrowtapEngine engine;
  final ArrowtapServer server;
  private final HttpServer feed;
  private final byte[] body = body();

  private EdgeFeeds() {
    try {
      feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      feed.createContext("/sales", this::answer);
      feed.start();
      String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/sales";
      catalog = Files.createTempFile("arrowtap-edge", ".yaml");
      Files.writeString(
          catalog,
          "schemas:\n  - name: edge\n    tables:\n      - name: sales\n        url: "
              + url
              + "\n        columns:\n"
              + "          - { name: id, type: BIGINT }\n"
              + "          - { name: amount, type: 'DECIMAL(10, 2)' }\n"
              + "          - { name: paid_at, type: timestamptz }\n"
              + "          - { name: service, type: VARCHAR }\n");
      engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog));
      server = ArrowtapServer.start(engine, "127.0.0.1", 0);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  feed.stop(0);
                }));
  }

  /** Sale {@code id}'s amount: {@code id}.34. */
  static String amount(long id) {
    return id + ".34";
  }

  /** Sale {@code id}'s instant: in March 2024, on day 1 + id mod 28, at hour id mod 24. */
  static Instant paidAt(long id) {
    return Instant.parse(String.format("2024-03-%02dT%02d:15:00Z", 1 + id % 28, id % 24));
  }

  /** Sale {@code id}'s service: every third has a snowman in it. */
  static String service(long id) {
    return id % 3 == 0 ? "snow☃man" : "plain";
  }

  private static byte[] body() {
    StringBuilder json = new StringBuilder("[");
    for (long id = 1; id <= ROWS; id++) {
      json.append(id == 1 ? "" : ",")
          .append("{\"id\":")
          .append(id)
          .append(",\"amount\":")
          .append(amount(id))
          .append(",\"paid_at\":\"")
          .append(paidAt(id))
          .append("\",\"service\":\"")
          .append(service(id))
          .append("\"}");
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  Connection connect(Mode mode) throws SQLException {
    return switch (mode) {
      case EMBEDDED -> DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog);
      case REMOTE -> DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
    };
  }
}
