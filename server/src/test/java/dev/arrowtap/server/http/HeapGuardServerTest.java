package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The heap guard of a server with a small heap, in its own JVM as users run it: a query whose
 * DISTINCT set fills the heap is stopped with 53200, and afterwards, while its garbage still sits
 * in the old generation, nothing else is stopped: neither many small queries nor a long scan that
 * reads millions of rows and holds none of them.
 */
class HeapGuardServerTest {
  @Test
  void onlyTheQueryHoldingTheHeapIsStopped() throws Exception {
    try (ServerProcess server = ServerProcess.start(List.of("-Xmx256m"), Map.of())) {
      String url = server.jdbcUrl();
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        SQLException error =
            assertThrows(
                SQLException.class,
                () ->
                    count(
                        statement, "SELECT count(DISTINCT number + 1) FROM numbers(0, 30000000)"));
        assertEquals("53200", error.getSQLState(), error.getMessage());
        assertTrue(error.getMessage().contains("heap is nearly full"), error.getMessage());
      }
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try {
        List<Future<Long>> answers = new ArrayList<>();
        // A long scan: millions of rows read (the most of any query running), nothing held.
        answers.add(
            clients.submit(() -> query(url, false, "SELECT count(*) FROM numbers(0, 20000000)")));
        for (int i = 0; i < 60; i++) {
          answers.add(
              clients.submit(() -> query(url, true, "SELECT count(*) FROM numbers(0, 1000)")));
        }
        assertEquals(20_000_000L, answers.get(0).get());
        for (Future<Long> small : answers.subList(1, answers.size())) {
          assertEquals(1000L, small.get());
        }
      } finally {
        clients.shutdownNow();
      }
      String output = String.join("\n", server.output());
      assertTrue(server.process.isAlive(), output);
    }
  }

  private static long query(String url, boolean pushAggregates, String sql) throws SQLException {
    // Without pushing, every row of the scan reaches the coordinator's count.
    Properties properties = new Properties();
    properties.setProperty("push_aggregates", String.valueOf(pushAggregates));
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      return count(statement, sql);
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
