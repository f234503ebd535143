package dev.arrowtap.server.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: SIGTERM with queries running stops the server within 2 seconds, and their clients get
 * SQLState 57P01 (admin shutdown), whether they wait for a first frame or fetch later ones.
 */
class ServerShutdownTest {
  @TempDir Path dir;

  @Test
  void sigtermEndsRunningQueriesWithAClearErrorWithinTwoSeconds() throws Exception {
    Path log = dir.resolve("server.log");
    try (ServerProcess server = ServerProcess.start(Map.of(), "--log-file", log.toString())) {
      Connection waiting = DriverManager.getConnection(server.jdbcUrl());
      Connection fetching = DriverManager.getConnection(server.jdbcUrl());
      // One client waits for the first frame of a query that runs for ever.
      Statement endless = waiting.createStatement();
      CompletableFuture<SQLException> first =
          CompletableFuture.supplyAsync(
              () ->
                  assertThrows(
                      SQLException.class,
                      () -> endless.executeQuery("SELECT count(*) FROM numbers(0, 100000000000)")));
      // Another has its first rows and fetches the rest frame by frame.
      Statement paged = fetching.createStatement();
      paged.setFetchSize(100);
      ResultSet rows = paged.executeQuery("SELECT number FROM numbers(0, 1000000000)");
      assertTrue(rows.next());
      awaitRunning(server, "SELECT count(*) FROM numbers"); // both queries are under way
      assertFalse(first.isDone(), "the endless query ended early");

      long started = System.nanoTime();
      server.process.destroy(); // SIGTERM
      assertTrue(
          server.process.waitFor(2, TimeUnit.SECONDS),
          "the server did not stop within 2 s of SIGTERM");
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(143, server.process.exitValue());

      SQLException waited = first.get(10, TimeUnit.SECONDS);
      assertEquals("57P01", waited.getSQLState(), waited.getMessage());
      assertTrue(waited.getMessage().contains("the server is shutting down"), waited.getMessage());
      // The other client was between two fetches: the server ended its query too (below); its
      // next fetch finds the server gone.
      assertThrows(
          Exception.class,
          () -> {
            while (rows.next()) {
              // Rows already fetched come first.
            }
          });
      System.out.println("stopped " + millis + " ms after SIGTERM");
    }
    List<String> lines = Files.readAllLines(log);
    String all = String.join("\n", lines);
    assertEquals(
        2,
        lines.stream()
            .filter(
                l ->
                    l.contains("event=query")
                        && l.contains("state=CANCELLED")
                        && l.contains("error=\"57P01: the server is shutting down: query "))
            .count(),
        all);
    assertTrue(all.contains("event=stopped"), all);
  }

  /** Waits (30 s at most) until sys.queries shows a running query whose text starts so. */
  private static void awaitRunning(ServerProcess server, String sqlStart) throws Exception {
    try (Connection observer = DriverManager.getConnection(server.jdbcUrl());
        PreparedStatement running =
            observer.prepareStatement(
                "SELECT count(*) FROM sys.queries WHERE state = 'RUNNING' AND sql_text LIKE ?")) {
      running.setString(1, sqlStart + "%");
      await("a running query " + sqlStart + " in sys.queries")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                try (ResultSet count = running.executeQuery()) {
                  count.next();
                  return count.getLong(1) > 0;
                }
              });
    }
  }
}
