package dev.arrowtap.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.MetaErrors;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: what the pushed aggregate must get exactly right, checked against values computed here:
 * sums past the 64-bit range, NULLs, empty input, errors with their SQLStates.
 */
class AggregateExactnessTest {
  @TempDir static Path dir;
  private static RowsFeed feed;
  private static ArrowtapEngine engine;
  private static Connection pushed;
  private static Connection plain;

  @BeforeAll
  static void start() throws Exception {
    feed = RowsFeed.start();
    engine =
        new ArrowtapEngine(
            EngineConfig.defaults().withLocalSlots(2).withCatalog(feed.catalog(dir)));
    pushed = engine.connect(Map.of("batch_size", "100"));
    plain = engine.connect(Map.of("batch_size", "100", "push_aggregates", "false"));
  }

  @AfterAll
  static void stop() throws SQLException {
    pushed.close();
    plain.close();
    assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    engine.close();
    feed.close();
  }

  /** The SQLState a client sees (the Meta maps the engine's errors). */
  private static String state(SQLException error) {
    return ((AvaticaRuntimeException) MetaErrors.translate(error)).getSqlState();
  }

  private static List<String> both(String sql) throws SQLException {
    assertTrue(
        AggregateDifferentialTest.plan(pushed, sql).contains("partial_aggregate"),
        "pushed: " + sql);
    List<String> rows = AggregateDifferentialTest.rows(pushed, sql);
    assertEquals(AggregateDifferentialTest.rows(plain, sql), rows, sql);
    return rows;
  }

  @Test
  void sumsPastTheLongRangeAreExact() throws SQLException {
    BigInteger sum = BigInteger.ZERO;
    long count = 0;
    long max = Long.MIN_VALUE;
    for (Map<String, Object> row : feed.rows(0, 1, 2)) {
      if (row.get("big") instanceof Long big) {
        sum = sum.add(BigInteger.valueOf(big));
        count++;
        max = Math.max(max, big);
      }
    }
    assertTrue(sum.bitLength() > 63, "the data must overflow a long: " + sum);
    assertEquals(
        List.of(sum + " | " + count + " | " + max),
        both("SELECT sum(big), count(big), max(big) FROM t.recs WHERE part IN (0, 1, 2)"));
  }

  @Test
  void emptyInputWithoutGroupByIsOneRowOfZeroAndNulls() throws SQLException {
    assertEquals(
        List.of("0 | 0 | null | null | null"),
        both(
            "SELECT count(*), count(cat), sum(big), min(cat), avg(score) FROM t.recs"
                + " WHERE small > 100"));
    assertEquals(
        List.of(), both("SELECT cat, count(*) FROM t.recs WHERE small > 100 GROUP BY cat"));
  }

  @Test
  void aGroupWhoseValuesAreAllNullSumsToNull() throws SQLException {
    List<String> rows =
        both(
            "SELECT small, count(*), count(score), sum(score), min(score) FROM t.recs"
                + " WHERE score IS NULL GROUP BY small");
    assertTrue(rows.size() > 2, rows.toString());
    for (String row : rows) {
      assertTrue(row.matches("(null|\\d) \\| \\d+ \\| 0 \\| null \\| null"), row);
    }
  }

  @Test
  void explainShowsTheTaskFilterAndTheGroups() throws SQLException {
    String plan =
        AggregateDifferentialTest.plan(
            pushed,
            "SELECT cat, count(*), sum(price) FROM t.recs"
                + " WHERE small IN (1, 2) AND cat LIKE 'a%' GROUP BY cat");
    assertTrue(
        plan.contains(
            "task_filter=[small IN (1, 2), cat LIKE 'a%'],"
                + " partial_aggregate=[group(cat), count(), sum(price), count(price)]"),
        plan);
    assertTrue(plan.contains("EnumerableAggregate(group=[{0}], EXPR$1=[$SUM0($1)]"), plan);
  }

  @Test
  void anOverflowLeftAboveTheScanIsStillAnError() {
    SQLException error =
        assertThrows(
            SQLException.class,
            () -> AggregateDifferentialTest.rows(pushed, "SELECT sum(big * 2) FROM t.recs"));
    assertEquals("22003", state(error), error.getMessage());
  }

  @Test
  void groupsBeyondTheQueryMemoryLimitFailWith53200NamingTheQuery() throws SQLException {
    String sql = "SELECT k, count(*) FROM t.many GROUP BY k";
    try (Connection limited = engine.connect(Map.of("query_memory_limit", "3000000"))) {
      assertTrue(AggregateDifferentialTest.plan(limited, sql).contains("partial_aggregate"));
      SQLException error =
          assertThrows(SQLException.class, () -> AggregateDifferentialTest.rows(limited, sql));
      assertEquals("53200", state(error), error.getMessage());
      assertTrue(
          error.getMessage().matches("(?s).*query \\d+: the partial aggregate of task .*"),
          error.getMessage());
      assertTrue(error.getMessage().contains("3000000 bytes"), error.getMessage());
    }
    // The same grouping fits the default limit.
    assertEquals(RowsFeed.MANY, AggregateDifferentialTest.rows(pushed, sql).size());
  }
}
