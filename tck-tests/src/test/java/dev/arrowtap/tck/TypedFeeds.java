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

/**
 * A feed of dates, times and arrays with declared types, served by a real HTTP server on loopback,
 * reachable both ways (an embedded engine with its catalog and a remote server started with it).
 * Shared by the suite, stopped at exit.
 */
final class TypedFeeds {
  static final TypedFeeds INSTANCE = new TypedFeeds();

  /**
   * Three records: an ordinary day, the last millisecond before the epoch, and a wall-clock time
   * that does not exist in Los Angeles (the 2024 spring-forward gap).
   */
  static final String RECORDS =
      """
      [
        {"id": 1, "d": "2024-02-29", "ts": "2024-03-01T12:30:45.123",
         "happened": "2024-03-01T14:30:45.123+02:00", "tags": ["a", "b"], "nums": [1, 2, 3]},
        {"id": 2, "d": "1969-12-31", "ts": "1969-12-31T23:59:59.999",
         "happened": "1969-12-31T23:59:59.999Z", "tags": [], "nums": [10]},
        {"id": 3, "d": "2024-03-10", "ts": "2024-03-10T02:30:00",
         "happened": "2024-03-10T02:30:00-08:00", "tags": null, "nums": [7, null]}
      ]
      """;

  final Path catalog;
  final ArrowtapServer server;
  private final HttpServer feed;

  private TypedFeeds() {
    try {
      feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      feed.createContext("/typed", TypedFeeds::answer);
      feed.start();
      String url = "http://127.0.0.1:" + feed.getAddress().getPort() + "/typed";
      catalog = Files.createTempFile("arrowtap-typed", ".yaml");
      Files.writeString(catalog, catalogText(url));
      server =
          ArrowtapServer.start(
              new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), "127.0.0.1", 0);
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

  private static String catalogText(String url) {
    return "schemas:\n  - name: typed\n    tables:\n"
        + "      - name: times\n"
        + "        url: "
        + url
        + "\n"
        + "        columns:\n"
        + "          - { name: id, type: BIGINT }\n"
        + "          - { name: d, type: DATE }\n"
        + "          - { name: ts, type: TIMESTAMP }\n"
        + "          - { name: happened, type: TIMESTAMP }\n"
        + "          - { name: happened_tz, type: timestamptz, path: /happened }\n"
        + "          - { name: tags, type: array<varchar> }\n"
        + "          - { name: nums, type: BIGINT ARRAY }\n";
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = RECORDS.getBytes(StandardCharsets.UTF_8);
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
