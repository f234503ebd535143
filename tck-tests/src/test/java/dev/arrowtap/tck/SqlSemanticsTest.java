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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17: SQL that returned wrong rows or values without an error (found by comparing generated
 * queries with DuckDB) gives the right answer or an error with a fitting SQLState, embedded and
 * remote.
 */
class SqlSemanticsTest {
  private static final Map<String, String> BODIES =
      Map.of(
          "/doubles",
          "[{\"id\":1,\"x\":NaN},{\"id\":2,\"x\":1.0},{\"id\":3,\"x\":Infinity},{\"id\":4,\"x\":null},"
              + "{\"id\":5,\"x\":-1.0},{\"id\":6,\"x\":-Infinity},{\"id\":7,\"x\":-0.0},"
              + "{\"id\":8,\"x\":0.0}]",
          "/money",
          "[{\"id\":1,\"amount\":9999999999.99,\"big\":12345678901234.5678,"
              + "\"ts\":\"2025-02-19T07:15:28.600Z\",\"s\":\"a\uD83D\uDE00b\"},"
              + "{\"id\":2,\"amount\":9999999999.98,\"big\":12345678901234.5678,"
              + "\"ts\":\"2025-02-19T07:15:29Z\",\"s\":\"\uD83D\uDE00\"}]");

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
    catalog = Files.createTempFile("semantics", ".yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: q\n    tables:\n"
            + "      - {name: doubles, url: '"
            + base
            + "/doubles', columns: [{name: id, type: BIGINT}, {name: x, type: DOUBLE}]}\n"
            + "      - {name: money, url: '"
            + base
            + "/money', columns: [{name: id, type: BIGINT}, {name: amount, type: 'DECIMAL(12, 2)'},"
            + " {name: big, type: 'DECIMAL(18, 4)'}, {name: ts, type: TIMESTAMP},"
            + " {name: s, type: VARCHAR}]}\n");
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

  private static Connection connect(Mode mode, boolean pushAggregates) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("push_aggregates", String.valueOf(pushAggregates));
    return DriverManager.getConnection(
        mode == Mode.EMBEDDED
            ? "jdbc:arrowtap:catalog=" + catalog
            : "jdbc:arrowtap:url=" + server.url(),
        properties);
  }

  private static Connection connect(Mode mode) throws SQLException {
    return connect(mode, true);
  }

  /** Every row of the query, each as a list of {@code getObject} values. */
  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object one(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = rows(c, sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0).get(0);
  }

  private static SQLException fails(Connection c, String sql, String state) {
    SQLException error = assertThrows(SQLException.class, () -> rows(c, sql), sql);
    assertEquals(state, error.getSQLState(), error.getMessage());
    return error;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void coalesceOfOnlyNullsIsNullInAWhere(Mode mode) throws SQLException {
    String from =
        "FROM (VALUES (CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE)), (1.0E0, 2.0E0)) AS t(x, y) ";
    try (Connection c = connect(mode)) {
      assertEquals(0L, one(c, "SELECT count(*) " + from + "WHERE COALESCE(x, y) = 0"));
      assertEquals(0L, one(c, "SELECT count(*) " + from + "WHERE COALESCE(x, y) <> 1"));
      assertEquals(1L, one(c, "SELECT count(*) " + from + "WHERE COALESCE(x, y) <> 0"));
      assertEquals(1L, one(c, "SELECT count(*) " + from + "WHERE COALESCE(x, y, 0) = 0"));
      assertEquals(2L, one(c, "SELECT count(*) FROM q.doubles WHERE COALESCE(x, x) = 0"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void timestampCastsKeepMilliseconds(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      // Calcite writes a TIMESTAMP WITH LOCAL TIME ZONE as text without trailing zeros.
      String text =
          one(
                  c,
                  "SELECT CAST(CAST(TIMESTAMP '2025-02-19 07:15:28.600' AS TIMESTAMP(3) WITH LOCAL"
                      + " TIME ZONE) AS VARCHAR)")
              .toString();
      assertTrue(text.startsWith("2025-02-19 07:15:28.6"), text);
      assertEquals(
          1L,
          one(
              c,
              "SELECT count(*) FROM q.money WHERE CAST(ts AS TIMESTAMP WITH LOCAL TIME ZONE)"
                  + " = TIMESTAMP '2025-02-19 07:15:28.600'"));
      assertEquals(
          1L,
          one(
              c,
              "SELECT count(*) FROM q.money"
                  + " WHERE CAST(ts AS TIMESTAMP) = TIMESTAMP '2025-02-19 07:15:28.600'"));
      assertEquals(
          1L,
          one(
              c,
              "SELECT count(*) FROM q.money WHERE CAST(CAST(ts AS TIMESTAMP WITH LOCAL TIME ZONE)"
                  + " AS TIMESTAMP) = TIMESTAMP '2025-02-19 07:15:28.600'"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void negativeZeroIsZero(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      assertEquals(
          List.of(List.of(0.0, 2L)),
          rows(c, "SELECT x, count(*) FROM q.doubles WHERE id IN (7, 8) GROUP BY x"));
      assertEquals(1L, one(c, "SELECT count(DISTINCT x) FROM q.doubles WHERE id IN (7, 8)"));
      assertEquals(
          1L, one(c, "SELECT count(*) FROM (SELECT DISTINCT x FROM q.doubles WHERE id IN (7, 8))"));
      assertEquals(
          4L,
          one(
              c,
              "SELECT count(*) FROM q.doubles a JOIN q.doubles b ON a.x = b.x"
                  + " WHERE a.id IN (7, 8)"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void minAndMaxOfDoublesPutNaNAboveEveryNumberPushedOrNot(Mode mode) throws SQLException {
    for (boolean push : List.of(true, false)) {
      try (Connection c = connect(mode, push)) {
        assertEquals(
            List.of(List.of(Double.NaN, Double.NEGATIVE_INFINITY)),
            rows(c, "SELECT max(x), min(x) FROM q.doubles"),
            "push_aggregates=" + push);
        assertEquals(
            List.of(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)),
            rows(c, "SELECT max(x), min(x) FROM q.doubles WHERE id <> 1"),
            "push_aggregates=" + push);
        assertEquals(
            List.of(
                List.of(1L, Double.NaN),
                Arrays.asList(4L, null),
                List.of(6L, Double.NEGATIVE_INFINITY)),
            rows(
                c,
                "SELECT id, max(x) FROM q.doubles WHERE id IN (1, 4, 6) GROUP BY id ORDER BY id"),
            "push_aggregates=" + push);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void orderByDoublesWithNaNAndInfinities(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      List<Object> ascending = new ArrayList<>();
      for (List<Object> row :
          rows(c, "SELECT x FROM q.doubles WHERE id NOT IN (7, 8) ORDER BY x")) {
        ascending.add(row.get(0));
      }
      assertEquals(
          List.of(Double.NEGATIVE_INFINITY, -1.0, 1.0, Double.POSITIVE_INFINITY, Double.NaN),
          ascending.subList(0, 5));
      assertEquals(6, ascending.size());
      assertEquals(null, ascending.get(5));
      assertEquals(
          List.of(List.of(4L), List.of(1L), List.of(3L)),
          rows(c, "SELECT id FROM q.doubles ORDER BY x DESC NULLS FIRST LIMIT 3"));
      assertEquals(Double.NaN, one(c, "SELECT round(x) FROM q.doubles WHERE id = 1"));
      assertEquals(
          Double.NEGATIVE_INFINITY, one(c, "SELECT round(x, 2) FROM q.doubles WHERE id = 6"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void decimalAverageAndDivisionAreExact(Mode mode) throws SQLException {
    for (boolean push : List.of(true, false)) {
      try (Connection c = connect(mode, push)) {
        assertEquals(
            new BigDecimal("12345678901234.567800"), one(c, "SELECT avg(big) FROM q.money"));
        assertEquals(
            new BigDecimal("9999999999.985000"), one(c, "SELECT avg(amount) FROM q.money"));
        assertEquals(new BigDecimal("19999999999.97"), one(c, "SELECT sum(amount) FROM q.money"));
      }
    }
    try (Connection c = connect(mode)) {
      assertEquals(
          new BigDecimal("4115226300411.522600000000000"),
          one(c, "SELECT big / 3 FROM q.money WHERE id = 1"));
      assertEquals(
          new BigDecimal("4611686018427387903.500000"),
          one(c, "SELECT CAST(9223372036854775807 AS BIGINT) / 2.0"));
      fails(c, "SELECT big / (id - 1) FROM q.money", "22012");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badArgumentsAreErrorsWithFittingStates(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      fails(
          c, "SELECT abs(x) FROM (VALUES (CAST(-9223372036854775808 AS BIGINT))) AS t(x)", "22003");
      fails(c, "SELECT abs(id - 9223372036854775807 - 2) FROM q.money WHERE id = 1", "22003");
      assertEquals(
          9223372036854775807L,
          one(c, "SELECT abs(id - 9223372036854775807 - 1)" + " FROM q.money WHERE id = 1"));
      fails(c, "SELECT CAST('9223372036854775808' AS BIGINT)", "22003");
      fails(c, "SELECT CAST('twelve' AS BIGINT)", "22018");
      fails(c, "SELECT ln(0)", "2201E");
      fails(c, "SELECT ln(x) FROM q.doubles WHERE id = 8", "2201E");
      fails(c, "SELECT 'a\\b' LIKE 'a\\b' ESCAPE '\\'", "22025");
      assertEquals(true, one(c, "SELECT 'a_b' LIKE 'a\\_b' ESCAPE '\\'"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedDateTruncWorks(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      assertEquals(
          List.of(List.of("2025-02-17 00:00:00", "2025-02-01 00:00:00", "2025-02-01 00:00:00")),
          rows(
              c,
              "SELECT CAST(date_trunc('week', date_trunc('hour', ts)) AS VARCHAR),"
                  + " CAST(date_trunc('month', date_trunc('week', ts)) AS VARCHAR),"
                  + " CAST(date_trunc('month', date_trunc('day', ts)) AS VARCHAR)"
                  + " FROM q.money WHERE id = 1"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stringFunctionsCountCharacters(Mode mode) throws SQLException {
    try (Connection c = connect(mode)) {
      assertEquals(
          List.of(
              List.of(3, "a", "\uD83D\uDE00b", 3, "\uD83D\uDE00"),
              List.of(1, "\uD83D\uDE00", "", 0, "")),
          rows(
              c,
              "SELECT CHAR_LENGTH(s), SUBSTRING(s FROM 1 FOR 1), SUBSTRING(s FROM 2),"
                  + " POSITION('b' IN s), SUBSTRING(s FROM 2 FOR 1) FROM q.money ORDER BY id"));
      assertEquals(3, one(c, "SELECT CHARACTER_LENGTH(s) FROM q.money WHERE id = 1"));
    }
  }
}
