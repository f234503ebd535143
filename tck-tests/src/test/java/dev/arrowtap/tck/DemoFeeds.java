package dev.arrowtap.tck;

import dev.arrowtap.demo.DemoApi;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The demo API and the example catalog, reachable both ways: an embedded engine with the catalog,
 * and a remote server started with it. Shared by the suite, stopped at exit.
 */
final class DemoFeeds {
  static final DemoFeeds INSTANCE = new DemoFeeds();

  final DemoApi api;
  final Path catalog;
  final ArrowtapServer server;

  private DemoFeeds() {
    api = DemoApi.start("127.0.0.1", 0);
    try {
      // The example catalog reads its base URL and token from the environment; a test
      // cannot set those, so it gets a copy with the values written in.
      String text = Files.readString(Path.of("..", "examples", "catalog.yaml"));
      text =
          text.replace("${env:ARROWTAP_DEMO_URL}", api.baseUrl())
              .replace("${env:ARROWTAP_DEMO_TOKEN}", DemoApi.TOKEN);
      catalog = Files.createTempFile("arrowtap-demo", ".yaml");
      Files.writeString(catalog, text);
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
                  api.close();
                }));
  }

  Connection connect(Mode mode) throws SQLException {
    return switch (mode) {
      case EMBEDDED -> DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog);
      case REMOTE -> DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
    };
  }
}
