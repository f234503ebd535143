package dev.arrowtap.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a few hundred generated aggregate queries over a real HTTP feed and over numbers()
 * return exactly the same rows with aggregates pushed into the scan's tasks as without.
 */
class AggregateDifferentialTest {
  private static final String[] KEYS = {
    "part", "cat", "flag", "small", "born", "ts", "price", "id"
  };
  private static final String[] AGGREGATES = {
    "count(*)",
    "count(cat)",
    "count(score)",
    "sum(id)",
    "sum(big)",
    "sum(small)",
    "sum(score)",
    "sum(price)",
    "min(id)",
    "max(id)",
    "min(cat)",
    "max(cat)",
    "min(score)",
    "max(score)",
    "min(price)",
    "max(price)",
    "min(born)",
    "max(born)",
    "min(ts)",
    "max(ts)",
    "min(big)",
    "max(big)",
    "avg(small)",
    "avg(score)",
    "avg(price)",
    "count(DISTINCT cat)",
    "count(DISTINCT small)",
    "sum(DISTINCT small)",
    "max(DISTINCT born)"
  };
  private static final String[] FILTERS = {
    "small > 1",
    "small <= 2",
    "small IS NULL",
    "small IS NOT NULL",
    "cat IS NULL",
    "cat LIKE 'a%'",
    "cat LIKE '%b'",
    "small IN (0, 2, 4)",
    "score BETWEEN -2 AND 3.5",
    "score > 0",
    "born >= DATE '2024-01-10'",
    "ts < TIMESTAMP '2024-01-05 12:00:00'",
    "flag",
    "NOT flag",
    "flag IS NULL",
    "price > 10.5",
    "price <= 50",
    "big <> 0",
    "big > 0",
    "id % 3 = 0",
    "(small = 1 OR cat = 'b')",
    "cat <> 'a'",
    "cat > 'b'",
    "cat IN ('a', 'ab', '\u00c4')",
    "cat < 'b'",
    "born = DATE '2024-01-03'",
    "price IN (1.5, 2.25, -3)",
    "NOT (small = 1)",
    "ts IS NOT NULL AND born IS NULL"
  };

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
    pushed = engine.connect(Map.of("batch_size", "64"));
    plain = engine.connect(Map.of("batch_size", "64", "push_aggregates", "false"));
  }

  @AfterAll
  static void stop() throws SQLException {
    pushed.close();
    plain.close();
    assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    engine.close();
    feed.close();
  }

  @Test
  void generatedFeedQueriesAgree() throws SQLException {
    Random random = new Random(12);
    int pushedQueries = 0;
    int queries = 200;
    for (int q = 0; q < queries; q++) {
      String sql = feedQuery(random);
      List<String> expected = rows(plain, sql);
      assertEquals(expected, rows(pushed, sql), sql);
      if (plan(pushed, sql).contains("partial_aggregate")) {
        pushedQueries++;
      }
    }
    // The generator is meant to exercise the rule: most of its queries are pushed.
    assertTrue(pushedQueries > queries / 2, pushedQueries + " of " + queries + " pushed");
  }

  @Test
  void generatedNumbersQueriesAgree() throws SQLException {
    Random random = new Random(34);
    String[] aggregates = {
      "count(*)", "sum(number)", "min(number)", "max(number)", "avg(number)", "count(number)"
    };
    String[] filters = {
      "number > 10", "number % 7 = 1", "number BETWEEN -20 AND 300", "number <> 5"
    };
    for (int q = 0; q < 30; q++) {
      List<String> select = pick(random, aggregates, 1 + random.nextInt(3));
      String where =
          random.nextBoolean() ? "" : " WHERE " + String.join(" AND ", pick(random, filters, 1));
      long start = random.nextInt(200) - 100L;
      String sql =
          "SELECT "
              + String.join(", ", select)
              + " FROM numbers("
              + start
              + ", "
              + (start + (long) random.nextInt(5000))
              + ")"
              + where;
      assertEquals(rows(plain, sql), rows(pushed, sql), sql);
    }
  }

  private static String feedQuery(Random random) {
    List<String> keys = pick(random, KEYS, random.nextInt(3));
    List<String> select = new ArrayList<>(keys);
    select.addAll(pick(random, AGGREGATES, 1 + random.nextInt(4)));
    List<String> where = new ArrayList<>(pick(random, FILTERS, random.nextInt(3)));
    if (random.nextBoolean()) {
      where.add("part IN (0, 1, 2)");
    }
    return "SELECT "
        + String.join(", ", select)
        + " FROM t.recs"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + (keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", keys));
  }

  private static List<String> pick(Random random, String[] from, int count) {
    List<String> all = new ArrayList<>(List.of(from));
    Collections.shuffle(all, random);
    return all.subList(0, count);
  }

  /** The rows as text, sorted: groups come in no particular order. */
  static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    Collections.sort(out);
    return out;
  }

  static String plan(Connection connection, String sql) throws SQLException {
    return String.join("\n", rows(connection, "EXPLAIN PLAN FOR " + sql));
  }
}
