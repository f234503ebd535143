package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7: a query stops when asked while a table's columns are inferred (a feed that never answers
 * must not hold it for minutes), inference reads are bounded, and the first page it read is not
 * fetched again by the scan.
 */
class InferenceBoundsTest {
  /** The feed stalls for a minute; a stop well within that shows the query did not wait for it. */
  private static final long PROMPT_MILLIS = 10_000;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void queryTimeoutFiresWhileColumnsAreInferred(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT * FROM read_json('" + feed.stallUrl() + "')"));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals("57014", error.getSQLState(), error.getMessage());
      assertTrue(millis < PROMPT_MILLIS, "the timeout of 1 s fired after " + millis + " ms");
      assertTrue(error.getMessage().contains("inferring the columns"), error.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelStopsInferenceAtOnce(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect();
        Statement s = c.createStatement()) {
      CompletableFuture<SQLException> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  s.executeQuery("SELECT * FROM read_json('" + feed.stallUrl() + "')");
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      await("inference asks the feed")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> feed.inFlight() != 0);
      assertEquals(1, feed.inFlight(), "inference is waiting for the feed");
      long start = System.nanoTime();
      s.cancel();
      SQLException error = outcome.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < PROMPT_MILLIS, "cancel took " + millis + " ms");
      assertEquals("57014", error.getSQLState(), error.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void inferenceGivesUpAfterItsTimeout(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect("infer_timeout_ms", "300");
        Statement s = c.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT * FROM read_json('" + feed.stallUrl() + "')"));
      assertEquals("08006", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().contains("infer_timeout_ms"), error.getMessage());
      assertEquals(1, feed.requests(), "inference is not retried past its time");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void inferenceReadsAtMostItsBytes(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect("infer_max_bytes", "1024");
        Statement s = c.createStatement()) {
      // Records of 4 kB each: no whole record fits in the first 1024 bytes.
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT * FROM read_json('" + feed.wideUrl() + "')"));
      assertEquals("54000", error.getSQLState(), error.getMessage());
      assertTrue(error.getMessage().contains("infer_max_bytes"), error.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theScanReusesThePageInferenceRead(Mode mode) throws Exception {
    try (SlowFeed feed = new SlowFeed();
        Connection c = mode.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), sum(id) FROM read_json('" + feed.pageUrl() + "?fresh')")) {
      assertTrue(rs.next());
      assertEquals(3, rs.getLong(1));
      assertEquals(6, rs.getLong(2));
      assertEquals(1, feed.requests(), "the first page was fetched again");
    }
  }
}
