package dev.arrowtap.server.flightsql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Arrow Flight SQL JDBC driver from Maven Central queries the engine through the Flight SQL
 * endpoint: rows, types and NULLs arrive as the engine computed them, and the endpoint gives back
 * every byte of Arrow memory once results are read or closed.
 */
class FlightSqlJdbcTest {
  private ArrowtapEngine engine;
  private FlightSqlEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    engine = new ArrowtapEngine(EngineConfig.defaults());
    endpoint = FlightSqlEndpoint.start(engine, "127.0.0.1", 0, Optional.empty(), Optional.empty());
  }

  @AfterEach
  void stop() {
    endpoint.close();
    engine.close();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port() + "?useEncryption=false");
  }

  @Test
  void readsEveryRowOfAQueryAcrossBatches() throws Exception {
    assertTrue(endpoint.uri().startsWith("grpc+tcp://127.0.0.1:"), endpoint.uri());
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT number, number * 2 AS twice FROM numbers(0, 100000) ORDER BY number")) {
      long count = 0;
      long sum = 0;
      while (rows.next()) {
        assertEquals(count, rows.getLong(1));
        sum += rows.getLong("twice");
        count++;
      }
      assertEquals(100_000, count);
      assertEquals(100_000L * 99_999L, sum);
    }
    assertEquals(0, endpoint.allocator().getAllocatedMemory());
  }

  @Test
  void valuesKeepTheirTypes() throws Exception {
    String sql =
        "SELECT CAST(9007199254740993 AS BIGINT) AS big,"
            + " CAST('12345678901234567890123456789.123456789' AS DECIMAL(38, 9)) AS exact,"
            + " CAST('NaN' AS DOUBLE) AS nan, CAST('-Infinity' AS DOUBLE) AS negative,"
            + " 'héllo' AS text, TRUE AS flag, CAST(NULL AS VARCHAR) AS nothing,"
            + " DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 23:59:58.123' AS ts";
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      assertEquals(9007199254740993L, rows.getLong("big"));
      assertEquals(
          new BigDecimal("12345678901234567890123456789.123456789"), rows.getBigDecimal("exact"));
      assertTrue(Double.isNaN(rows.getDouble("nan")));
      assertEquals(Double.NEGATIVE_INFINITY, rows.getDouble("negative"));
      assertEquals("héllo", rows.getString("text"));
      assertTrue(rows.getBoolean("flag"));
      assertNull(rows.getString("nothing"));
      assertEquals("2024-02-29", rows.getObject("d").toString());
      assertEquals("2024-02-29 23:59:58.123", rows.getObject("ts").toString());
      assertFalse(rows.next());
    }
  }

  @Test
  void aBadQueryFailsWithItsSqlState() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      SQLException error =
          assertThrows(SQLException.class, () -> statement.executeQuery("SELEKT 1"));
      assertTrue(error.getMessage().contains("42000: syntax error"), error.getMessage());
    }
  }

  @Test
  void closingAResultEarlyGivesItsMemoryBack() throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT number FROM numbers(0, 50000000)")) {
        assertTrue(rows.next());
      }
    }
    waitUntilNoMemory();
  }

  private void waitUntilNoMemory() {
    await("the endpoint's Arrow memory is given back")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertEquals(0, endpoint.allocator().getAllocatedMemory()));
  }
}
