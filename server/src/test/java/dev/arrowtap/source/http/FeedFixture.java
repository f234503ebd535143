package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The end-to-end setup of the feed tests, a field registered with {@code @RegisterExtension} (so
 * one per test): an in-test HTTP server ({@link #api}); on request a catalog over it, an engine on
 * that catalog and connections to it; after the test all of it closed, having checked that no Arrow
 * memory is left allocated. In catalog text, {@code URL} stands for the server's address.
 */
final class FeedFixture implements AfterEachCallback {
  private final List<Connection> connections = new ArrayList<>();
  private final FeedTestServer api;
  private final Path dir;
  private ArrowtapEngine engine;

  FeedFixture() {
    try {
      dir = Files.createTempDirectory("arrowtap-feed-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    api = FeedTestServer.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      closeEngine();
    } finally {
      api.close();
      deleteDir();
    }
  }

  /** The HTTP server the catalog's {@code URL} points at. */
  FeedTestServer api() {
    return api;
  }

  /** The folder of the catalog file, for files it names ({@code ${file:...}}). */
  Path dir() {
    return dir;
  }

  /** The engine started last. */
  ArrowtapEngine engine() {
    return engine;
  }

  /** Starts an engine on this whole catalog (replacing one started before). */
  ArrowtapEngine start(String catalog) throws Exception {
    return start(catalog, config -> config);
  }

  /** Starts an engine on this catalog, with more engine settings. */
  ArrowtapEngine start(String catalog, UnaryOperator<EngineConfig> settings) throws Exception {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, catalog.replace("URL", api.url("")));
    return start(settings.apply(EngineConfig.defaults().withCatalog(file)));
  }

  /** Starts an engine with this configuration (replacing one started before). */
  ArrowtapEngine start(EngineConfig config) throws SQLException {
    closeEngine();
    engine = new ArrowtapEngine(config);
    return engine;
  }

  /** Starts an engine on a catalog whose schema {@code t} holds these tables. */
  ArrowtapEngine startTables(String tables) throws Exception {
    return start("schemas:\n  - name: t\n    tables:\n" + tables);
  }

  /** As {@link #startTables}, then a connection to the engine. */
  Connection connectTables(String tables) throws Exception {
    startTables(tables);
    return connect();
  }

  /** A connection to the engine, closed after the test if the test leaves it open. */
  Connection connect() throws SQLException {
    return connect(Map.of());
  }

  /** A connection with these session properties. */
  Connection connect(Map<String, String> properties) throws SQLException {
    Connection connection = engine.connect(properties);
    synchronized (connections) {
      connections.add(connection);
    }
    return connection;
  }

  /** Every row of the query, each as its column values. */
  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Every row of the query as one line, its values as strings joined by {@code |}. */
  static List<String> lines(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return lines(rs);
    }
  }

  private static List<String> lines(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        row.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      out.add(row.toString());
    }
    return out;
  }

  /** As {@link #lines}, through a prepared statement with these parameters. */
  static List<String> preparedLines(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return lines(rs);
      }
    }
  }

  private void closeEngine() throws SQLException {
    ArrowtapEngine started = engine;
    engine = null;
    if (started == null) {
      return;
    }
    try {
      synchronized (connections) {
        for (Connection connection : connections) {
          connection.close();
        }
        connections.clear();
      }
      assertEquals(
          0,
          started.services().rootAllocator().getAllocatedMemory(),
          "Arrow memory left allocated");
    } finally {
      started.close();
    }
  }

  private void deleteDir() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
