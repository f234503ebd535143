package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.CatalogException;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.server.http.ArrowtapServer;
import dev.arrowtap.server.meta.MetaErrors;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: read_json.allow_hosts entries may name a port, and read_json never reads the server's
 * own endpoints or a worker's, whatever the list says.
 */
class ReadJsonEndpointsTest {
  @TempDir Path dir;
  private final FeedTestServer api =
      FeedTestServer.start().route("/rows", r -> Reply.json("[{\"a\": 1}, {\"a\": 2}]"));

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anEntryWithAPortAllowsThatPortOnly() throws Exception {
    int port = Integer.parseInt(api.url("").replaceAll(".*:", ""));
    try (ArrowtapEngine engine = engine(List.of("127.0.0.1:" + port));
        Connection c = engine.connect(Map.of())) {
      assertEquals(3, sum(c, api.url("/rows")));
    }
    long before = api.count("/rows");
    try (ArrowtapEngine engine = engine(List.of("127.0.0.1:" + (port == 1 ? 2 : port - 1)));
        Connection c = engine.connect(Map.of())) {
      SQLException denied = assertThrows(SQLException.class, () -> sum(c, api.url("/rows")));
      assertEquals("42501", state(denied), denied.getMessage());
      assertTrue(
          denied.getMessage().contains("host 127.0.0.1 is not allowed on port " + port),
          denied.getMessage());
      assertEquals(before, api.count("/rows"), "the denied URL is never requested");
    }
  }

  @Test
  void aBadPortInTheListIsACatalogError() {
    CatalogException error =
        assertThrows(CatalogException.class, () -> engine(List.of("api.example.com:https")));
    assertTrue(error.getMessage().contains("allow_hosts"), error.getMessage());
    assertTrue(error.getMessage().contains("from 1 to 65535"), error.getMessage());
  }

  @Test
  void theServersOwnEndpointsAreNeverRead() throws Exception {
    // A list that allows loopback on every port, as a catalog for local APIs might.
    ArrowtapEngine engine = engine(List.of("127.0.0.1", "localhost"));
    try (ArrowtapServer server = ArrowtapServer.start(engine, "127.0.0.1", 0);
        Connection c =
            DriverManager.getConnection(
                "jdbc:avatica:remote:url=" + server.url() + ";serialization=JSON")) {
      assertEquals(3, sum(c, api.url("/rows")), "other loopback ports stay readable");
      for (String url :
          List.of(
              server.url() + "/health",
              "http://localhost:" + server.port() + "/timeline",
              server.url() + "/")) {
        SQLException denied =
            assertThrows(SQLException.class, () -> firstRow(c, url), "read_json read " + url);
        assertEquals("42501", state(denied), denied.getMessage());
        assertTrue(denied.getMessage().contains("this server's own endpoint"), denied.getMessage());
      }
    }
  }

  @Test
  void workersAreNeverRead() throws Exception {
    WorkerSecret secret = WorkerSecret.of("test-secret-0123456789");
    try (WorkerServer worker = WorkerServer.start("127.0.0.1", 0, secret);
        ArrowtapEngine engine =
            new ArrowtapEngine(
                config(List.of("*"))
                    .withExecution(
                        ExecutionConfig.local()
                            .withWorkers(List.of(worker.address()), Optional.of(secret))));
        Connection c = engine.connect(Map.of())) {
      String url = "http://127.0.0.1:" + worker.address().port() + "/";
      SQLException denied = assertThrows(SQLException.class, () -> firstRow(c, url));
      assertEquals("42501", state(denied), denied.getMessage());
      assertTrue(
          denied.getMessage().contains("is worker " + worker.address()), denied.getMessage());
    }
  }

  private ArrowtapEngine engine(List<String> allowed) throws Exception {
    return new ArrowtapEngine(config(allowed));
  }

  private EngineConfig config(List<String> allowed) throws Exception {
    Path catalog = dir.resolve("catalog-" + System.nanoTime() + ".yaml");
    StringBuilder yaml = new StringBuilder("version: 1\nread_json:\n  allow_hosts:\n");
    for (String host : allowed) {
      yaml.append("    - '").append(host).append("'\n");
    }
    yaml.append("schemas: []\n");
    Files.writeString(catalog, yaml);
    return EngineConfig.defaults().withCatalog(catalog);
  }

  private static String state(SQLException error) {
    return MetaErrors.userError(error).map(ArrowtapException::sqlState).orElse(error.getSQLState());
  }

  private static long sum(Connection c, String url) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(a) FROM read_json('" + url + "')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void firstRow(Connection c, String url) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_json('" + url + "')")) {
      rs.next();
    }
  }
}
