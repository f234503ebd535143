package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: repeated statements reuse their plans, and still answer from the data as it is when
 * they run: a feed that changed, other literals, other parameters, live sys tables.
 */
class PlanReuseTest {
  /** How many records the API answers with now. */
  private static final AtomicInteger RECORDS = new AtomicInteger(3);

  private static HttpServer api;

  @BeforeAll
  static void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/items",
        exchange -> {
          StringBuilder body = new StringBuilder();
          for (int id = 1; id <= RECORDS.get(); id++) {
            body.append("{\"id\":").append(id).append("}\n");
          }
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    api.start();
  }

  @AfterAll
  static void stop() {
    api.stop(0);
  }

  private static String items() {
    return "SELECT count(*), sum(id) FROM read_json('http://127.0.0.1:"
        + api.getAddress().getPort()
        + "/items')";
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRepeatedStatementReadsTheFeedAsItIsNow(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      RECORDS.set(3);
      assertEquals(List.of(3L, 6L), row(statement, items()));
      RECORDS.set(5);
      assertEquals(List.of(5L, 15L), row(statement, items()));
      RECORDS.set(0);
      assertEquals(0L, row(statement, items()).get(0));
    } finally {
      RECORDS.set(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherLiteralsAndParametersGiveTheirOwnAnswers(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 2; i++) {
        assertEquals(
            List.of(10L, 45L), row(statement, "SELECT count(*), sum(number) FROM numbers(0, 10)"));
        assertEquals(
            List.of(5L, 60L), row(statement, "SELECT count(*), sum(number) FROM numbers(10, 15)"));
      }
      String sql =
          "SELECT count(*), sum(number) FROM numbers(0, 100) WHERE number >= ? AND number < ?";
      try (PreparedStatement prepared = connection.prepareStatement(sql)) {
        prepared.setInt(1, 0);
        prepared.setInt(2, 10);
        assertEquals(List.of(10L, 45L), row(prepared));
        prepared.setInt(1, 90);
        prepared.setInt(2, 1000);
        assertEquals(List.of(10L, 945L), row(prepared));
      }
      try (PreparedStatement again = connection.prepareStatement(sql)) {
        again.setInt(1, 50);
        again.setInt(2, 52);
        assertEquals(List.of(2L, 101L), row(again));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRepeatedQueryOfTheSysTablesSeesNewQueries(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement()) {
      String count = "SELECT count(*), max(query_id) FROM sys.queries";
      long before = row(statement, count).get(1);
      row(statement, "SELECT count(*), sum(number) FROM numbers(0, 3)");
      long after = row(statement, count).get(1);
      assertTrue(after > before, before + " then " + after);
    }
  }

  @Test
  void theServerPlansARepeatedStatementOnce() throws SQLException {
    ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
    try (ArrowtapServer server = ArrowtapServer.start(engine, "127.0.0.1", 0);
        Connection connection = DriverManager.getConnection("jdbc:arrowtap:url=" + server.url());
        Statement statement = connection.createStatement()) {
      long hits = engine.planCacheCounts()[0];
      for (int i = 0; i < 4; i++) {
        assertEquals(
            List.of(10L, 45L), row(statement, "SELECT count(*), sum(number) FROM numbers(0, 10)"));
      }
      assertEquals(hits + 3, engine.planCacheCounts()[0]);
    }
  }

  private static List<Long> row(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      assertTrue(rs.next());
      return List.of(rs.getLong(1), rs.getLong(2));
    }
  }

  private static List<Long> row(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      assertTrue(rs.next());
      return List.of(rs.getLong(1), rs.getLong(2));
    }
  }
}
