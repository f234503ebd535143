package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: NaN and the infinities, from SQL arithmetic or from a feed, reach the client as doubles
 * in both modes; a JSON number beyond the DOUBLE range is an error.
 */
class SpecialDoublesTest {
  private static final Map<String, String> BODIES =
      Map.of(
          "/special",
          "[{\"id\":1,\"x\":NaN},{\"id\":2,\"x\":Infinity},{\"id\":3,\"x\":-Infinity},"
              + "{\"id\":4,\"x\":\"NaN\"},{\"id\":5,\"x\":\"-Infinity\"},{\"id\":6,\"x\":1.5}]",
          "/huge",
          "[{\"id\":1,\"x\":1.5},{\"id\":2,\"x\":1e400}]");

  private static HttpServer api;
  private static ArrowtapServer server;
  private static Path catalog;

  @BeforeAll
  static void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/",
        exchange -> {
          byte[] body =
              BODIES
                  .getOrDefault(exchange.getRequestURI().getPath(), "[]")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    api.start();
    String base = "http://127.0.0.1:" + api.getAddress().getPort();
    catalog = Files.createTempFile("special", ".yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: n\n    tables:\n"
            + "      - {name: special, url: '"
            + base
            + "/special', columns: [{name: id, type: BIGINT}, {name: x, type: DOUBLE}]}\n"
            + "      - {name: huge, url: '"
            + base
            + "/huge', columns: [{name: id, type: BIGINT}, {name: x, type: DOUBLE}]}\n");
    server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    api.stop(0);
    Files.deleteIfExists(catalog);
  }

  private static Connection connect(Mode mode) throws SQLException {
    return DriverManager.getConnection(
        mode == Mode.EMBEDDED
            ? "jdbc:arrowtap:catalog=" + catalog
            : "jdbc:arrowtap:url=" + server.url());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arithmeticGivesNaNAndInfinities(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1e308 * 10, 0e0 / 0e0, -1e308 * 10, 2.5e0")) {
      rs.next();
      assertEquals(Double.POSITIVE_INFINITY, rs.getObject(1));
      assertEquals(Double.POSITIVE_INFINITY, rs.getDouble(1));
      assertTrue(Double.isNaN((Double) rs.getObject(2)));
      assertTrue(Double.isNaN(rs.getDouble(2)));
      assertEquals(Double.NEGATIVE_INFINITY, rs.getObject(3));
      assertEquals("Infinity", rs.getString(1));
      assertEquals(2.5, rs.getObject(4));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void feedValuesKeepNaNAndInfinities(Mode mode) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Connection c = connect(mode);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT x FROM n.special ORDER BY id")) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    assertEquals(
        List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            1.5),
        values);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void numberBeyondTheDoubleRangeIsAnError(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT sum(x) FROM n.huge")) {
                  rs.next();
                }
              });
      assertEquals("22023", error.getSQLState(), error.getMessage());
      assertTrue(
          error
              .getMessage()
              .contains("column x, record 2, byte 30: number 1e400 is beyond the DOUBLE range"),
          error.getMessage());
    }
  }
}
