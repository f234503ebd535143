package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A client that stops fetching (and never closes) must not keep the server's tasks running. */
class AbandonedQueryTest {
  @Test
  void queryWhoseClientStopsFetchingIsStopped() throws Exception {
    ArrowtapEngine engine =
        new ArrowtapEngine(EngineConfig.defaults().withResultIdleTimeout(Duration.ofSeconds(1)));
    try (ArrowtapServer server = ArrowtapServer.start(engine, "127.0.0.1", 0)) {
      String url = "jdbc:arrowtap:url=" + server.url();
      Connection abandoned = DriverManager.getConnection(url + ";fetch_size=100");
      Statement statement = abandoned.createStatement();
      ResultSet rs =
          statement.executeQuery("SELECT number AS abandoned_marker FROM numbers(0, 1000000000)");
      assertTrue(rs.next());
      try (Connection observer = DriverManager.getConnection(url)) {
        eventually(() -> "CANCELLED".equals(state(observer)), "the abandoned query is stopped");
        eventually(
            () -> engine.services().rootAllocator().getAllocatedMemory() == 0,
            "its memory is freed");
      }
      // The client that comes back learns why.
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  // drain until the server says the query is gone
                }
              });
      assertEquals("57014", error.getSQLState(), error.getMessage());
      abandoned.close();
    }
  }

  private static String state(Connection connection) {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT state FROM sys.queries WHERE sql_text LIKE '%abandoned_marker%' AND sql_text NOT LIKE '%sys.queries%'")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void eventually(BooleanSupplier condition, String what) {
    await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(condition::getAsBoolean);
  }
}
