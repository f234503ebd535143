package dev.arrowtap.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.MetaErrors;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: a query that needs more memory than its share fails with SQLState 53200 and a clear
 * message, and the server goes on answering. Small limits keep the tests cheap.
 */
class MemoryLimitTest {
  private static String state(SQLException error) {
    return MetaErrors.userError(error).map(ArrowtapException::sqlState).orElse(error.getSQLState());
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void arrowMemoryBeyondTheSessionLimitFailsWith53200() throws Exception {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults())) {
      // A batch of 200,000 BIGINTs takes 1.6 MB: more than the session's 1 MB.
      try (Connection c =
          engine.connect(Map.of("query_memory_limit", "1000000", "batch_size", "200000"))) {
        SQLException error =
            assertThrows(
                SQLException.class, () -> count(c, "SELECT count(*) FROM numbers(0, 10000000)"));
        assertEquals("53200", state(error), error.getMessage());
        assertTrue(
            error.getMessage().contains("memory limit of 1000000 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("numbers(0, 10000000)"), error.getMessage());
        // The session and the server go on: small batches fit.
        assertEquals(1000, count(c, "SELECT count(*) FROM numbers(0, 1000)"));
      }
      assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    }
  }

  @Test
  void aSessionCannotRaiseTheServersLimit() throws Exception {
    EngineConfig config =
        EngineConfig.defaults().withMemoryLimits(new MemoryLimits(1_000_000, Long.MAX_VALUE));
    try (ArrowtapEngine engine = new ArrowtapEngine(config);
        Connection c =
            engine.connect(
                Map.of("query_memory_limit", String.valueOf(1L << 40), "batch_size", "200000"))) {
      SQLException error =
          assertThrows(
              SQLException.class, () -> count(c, "SELECT count(*) FROM numbers(0, 10000000)"));
      assertEquals("53200", state(error), error.getMessage());
    }
  }

  @Test
  void heapHeldByAnOperatorStopsTheQueryNotTheServer() throws Exception {
    System.gc();
    long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    // A guard a little above what the heap holds now: DISTINCT's hash set passes it soon. (Not
    // DISTINCT number itself: the planner knows numbers are unique and drops the DISTINCT.)
    EngineConfig config =
        EngineConfig.defaults()
            .withMemoryLimits(new MemoryLimits(Long.MAX_VALUE, baseline + (96L << 20)));
    // This JVM's heap is large, so it might not collect during the query; a nearly full heap
    // collects often, which a collection every 200 ms stands in for.
    java.util.concurrent.ScheduledExecutorService collector =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    var unused =
        collector.scheduleWithFixedDelay(
            System::gc, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    try (ArrowtapEngine engine = new ArrowtapEngine(config);
        Connection c = engine.connect(Map.of())) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () -> count(c, "SELECT count(DISTINCT number + 1) FROM numbers(0, 30000000)"));
      assertEquals("53200", state(error), error.getMessage());
      assertTrue(error.getMessage().contains("heap is nearly full"), error.getMessage());
      System.gc();
      assertEquals(10, count(c, "SELECT count(*) FROM numbers(0, 10)"));
    } finally {
      collector.shutdownNow();
    }
  }
}
