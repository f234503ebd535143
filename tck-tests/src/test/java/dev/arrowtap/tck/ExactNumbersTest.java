package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: money in DECIMAL(p, s) columns stays exact through the driver, embedded and remote;
 * values that do not fit are errors, not rounded.
 */
class ExactNumbersTest {
  private static final Map<String, String> BODIES =
      Map.of(
          "/money",
          "[{\"id\":1,\"amount\":128.47},{\"id\":2,\"amount\":0.1},{\"id\":3,\"amount\":\"0.20\"},"
              + "{\"id\":4,\"amount\":1234567890123456.78},{\"id\":5,\"amount\":-7}]",
          "/fraction",
          "[{\"id\":1,\"amount\":128.47},{\"id\":2,\"amount\":128.471}]",
          "/big",
          "[{\"id\":1,\"amount\":128.47},{\"id\":2,\"amount\":12345678901234567.5}]");

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
    StringBuilder yaml = new StringBuilder("schemas:\n  - name: shop\n    tables:\n");
    for (String table : List.of("money", "fraction", "big")) {
      yaml.append("      - {name: ")
          .append(table)
          .append(", url: '")
          .append(base)
          .append('/')
          .append(table)
          .append(
              "', columns: [{name: id, type: BIGINT}, {name: amount, type: 'DECIMAL(18, 2)'}]}\n");
    }
    catalog = Files.createTempFile("exact", ".yaml");
    Files.writeString(catalog, yaml.toString());
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
  void decimalColumnsHoldMoneyExactly(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement()) {
      List<BigDecimal> amounts = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT amount FROM shop.money ORDER BY id")) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.DECIMAL, md.getColumnType(1));
        assertEquals(18, md.getPrecision(1));
        assertEquals(2, md.getScale(1));
        while (rs.next()) {
          amounts.add(rs.getBigDecimal(1));
        }
      }
      assertEquals(
          List.of(
              new BigDecimal("128.47"),
              new BigDecimal("0.10"),
              new BigDecimal("0.20"),
              new BigDecimal("1234567890123456.78"),
              new BigDecimal("-7.00")),
          amounts);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT sum(amount), sum(amount) FILTER (WHERE id IN (2, 3)) FROM shop.money")) {
        rs.next();
        assertEquals(new BigDecimal("1234567890123578.55"), rs.getBigDecimal(1));
        assertEquals(new BigDecimal("0.30"), rs.getBigDecimal(2));
        assertEquals("0.30", rs.getString(2));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void decimalValuesThatDoNotFitAreErrors(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement()) {
      SQLException fraction =
          assertThrows(SQLException.class, () -> drain(s, "SELECT * FROM shop.fraction"));
      assertEquals("22023", fraction.getSQLState(), fraction.getMessage());
      assertTrue(
          fraction.getMessage().contains("feed shop.fraction, page 1, GET http://127.0.0.1:"),
          fraction.getMessage());
      assertTrue(
          fraction
              .getMessage()
              .contains(
                  "column amount, record 2, byte 43: 128.471 has more than 2 digits after the point of DECIMAL(18, 2)"),
          fraction.getMessage());
      SQLException large =
          assertThrows(SQLException.class, () -> drain(s, "SELECT * FROM shop.big"));
      assertEquals("22023", large.getSQLState(), large.getMessage());
      assertTrue(
          large
              .getMessage()
              .contains(
                  "column amount, record 2, byte 43: 12345678901234567.5 has more than 16 digits before the point of DECIMAL(18, 2)"),
          large.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void integerSumsNeverWrap(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement()) {
      // Issue 7: the total passes 2^63; it used to come back negative.
      try (ResultSet rs =
          s.executeQuery(
              "SELECT sum(number + 9223372036854775000), sum(number), avg(number)"
                  + " FROM numbers(0, 3)")) {
        rs.next();
        assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(1));
        assertEquals(new BigDecimal("27670116110564325003"), rs.getBigDecimal(1));
        assertEquals(3, rs.getLong(2));
        assertEquals(1, rs.getLong(3));
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT max(t) FROM (SELECT sum(number + 4611686018427387903)"
                  + " OVER (ORDER BY number) AS t FROM numbers(0, 3))")) {
        rs.next();
        assertEquals(new BigDecimal("13835058055282163712"), rs.getBigDecimal(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void integerArithmeticOverflowIsAnError(Mode mode) throws SQLException {
    try (Connection c = connect(mode);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT number + 9223372036854775807 FROM numbers(1, 3)",
              "SELECT number * 4611686018427387904 FROM numbers(2, 3)",
              "SELECT -(number - 9223372036854775807 - 2) FROM numbers(0, 1)",
              "SELECT CAST(number AS INTEGER) * 2147483647 FROM numbers(2, 3)",
              "SELECT CAST(9223372036854775807 AS BIGINT) + 1")) {
        SQLException error = assertThrows(SQLException.class, () -> drain(s, sql), sql);
        assertEquals("22003", error.getSQLState(), sql + ": " + error.getMessage());
        assertTrue(error.getMessage().contains("numeric value out of range"), error.getMessage());
      }
      // The same query within range still runs on the same connection.
      try (ResultSet rs = s.executeQuery("SELECT number * 2 FROM numbers(2, 3)")) {
        rs.next();
        assertEquals(4, rs.getLong(1));
      }
    }
  }

  private static void drain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
