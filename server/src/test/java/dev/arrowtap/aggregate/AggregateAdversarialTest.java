package dev.arrowtap.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, reviewed adversarially: hand-picked queries at the edges of the pushed aggregate (NULL
 * and empty-string keys, text ordering beyond the BMP, LIKE wildcards and escapes, IN lists with
 * NULL, BIGINT against fractional literals, grouping sets, FILTER clauses, overflow) return exactly
 * what the engine returns without pushing, or the same SQLState.
 */
class AggregateAdversarialTest {
  private static final String ALL = " FROM t.recs WHERE part IN (0, 1, 2)";
  private static final String[] QUERIES = {
    "SELECT cat, count(*), count(cat), min(cat), max(cat)" + ALL + " GROUP BY cat",
    "SELECT min(cat), max(cat)" + ALL,
    "SELECT min(cat), max(cat)" + ALL + " AND cat > 'Ä'",
    "SELECT count(*)" + ALL + " AND cat < '\uE000'",
    "SELECT count(*)" + ALL + " AND cat >= '\uD83D\uDE00'",
    "SELECT count(*)" + ALL + " AND cat = ''",
    "SELECT count(*)" + ALL + " AND cat = 'a '",
    "SELECT count(*)" + ALL + " AND cat LIKE 'a'",
    "SELECT count(*)" + ALL + " AND cat LIKE 'A%'",
    "SELECT count(*)" + ALL + " AND cat LIKE '_'",
    "SELECT count(*)" + ALL + " AND cat LIKE '%'",
    "SELECT count(*)" + ALL + " AND cat LIKE ''",
    "SELECT count(*)" + ALL + " AND cat LIKE 'a\\_%' ESCAPE '\\'",
    "SELECT count(*)" + ALL + " AND cat NOT LIKE 'a%'",
    "SELECT count(*)" + ALL + " AND NOT (cat LIKE 'a%')",
    "SELECT count(*)" + ALL + " AND cat ILIKE 'A%'",
    "SELECT count(*)" + ALL + " AND cat SIMILAR TO 'a%'",
    "SELECT count(*)" + ALL + " AND small IN (1, NULL)",
    "SELECT count(*)" + ALL + " AND small NOT IN (1, NULL)",
    "SELECT count(*)" + ALL + " AND small NOT IN (1, 2)",
    "SELECT count(*)" + ALL + " AND small NOT BETWEEN 1 AND 3",
    "SELECT count(*)" + ALL + " AND id > 2.5",
    "SELECT count(*)" + ALL + " AND id >= 1000.0",
    "SELECT count(*)" + ALL + " AND id < 1500.5",
    "SELECT count(*)" + ALL + " AND id IN (1.5, 2, 1001)",
    "SELECT count(*)" + ALL + " AND id = 1e3",
    "SELECT count(*)" + ALL + " AND big > 9.2e18",
    "SELECT count(*)" + ALL + " AND big > 9223372036854775000",
    "SELECT count(*)" + ALL + " AND big < -9223372036854775000.5",
    "SELECT count(*)" + ALL + " AND small > 1.0e0",
    "SELECT count(*)" + ALL + " AND score = 12",
    "SELECT count(*)" + ALL + " AND score > 0.1",
    "SELECT count(*)" + ALL + " AND score < 1e400",
    "SELECT count(*)" + ALL + " AND price = 1.5",
    "SELECT count(*)" + ALL + " AND price > -0.005",
    "SELECT count(*)" + ALL + " AND price < 10.001",
    "SELECT count(*)" + ALL + " AND price IN (-1.50, 2.250)",
    "SELECT count(*)" + ALL + " AND flag = false",
    "SELECT count(*)" + ALL + " AND flag IS NOT TRUE",
    "SELECT count(*)" + ALL + " AND flag IS FALSE",
    "SELECT count(*)" + ALL + " AND flag <> true",
    "SELECT count(*)" + ALL + " AND NOT flag IS NULL",
    "SELECT count(*)" + ALL + " AND (cat IS NOT NULL OR small IS NULL)",
    "SELECT count(*)" + ALL + " AND (small = 1 OR NOT flag)",
    "SELECT count(*)" + ALL + " AND NOT (small = 1 OR cat = 'a')",
    "SELECT count(*)" + ALL + " AND born > '2024-01-10'",
    "SELECT count(*)" + ALL + " AND ts > DATE '2024-01-03'",
    "SELECT count(*)" + ALL + " AND born < TIMESTAMP '2024-01-03 12:00:00'",
    "SELECT count(*)" + ALL + " AND ts = TIMESTAMP '2024-01-01 01:00:00.017'",
    "SELECT count(*)" + ALL + " AND ts >= TIMESTAMP '2024-01-01 01:00:00.0171'",
    "SELECT count(*)" + ALL + " AND CAST(small AS VARCHAR) = '1'",
    "SELECT flag, born, ts, price, count(*), sum(price), min(price), max(price)"
        + ALL
        + " GROUP BY flag, born, ts, price",
    "SELECT small, sum(big)" + ALL + " GROUP BY small",
    "SELECT sum(big)" + ALL,
    "SELECT sum(DISTINCT big)" + ALL,
    "SELECT small, avg(price), avg(small)" + ALL + " GROUP BY small",
    "SELECT sum(price), sum(-price), min(-price)" + ALL,
    "SELECT sum(price * 2), sum(price + 1.005)" + ALL,
    "SELECT cat, count(DISTINCT cat), count(DISTINCT small), count(DISTINCT flag)"
        + ALL
        + " GROUP BY cat",
    "SELECT count(DISTINCT cat), count(DISTINCT small)" + ALL,
    "SELECT count(DISTINCT small), sum(small)" + ALL,
    "SELECT cat, count(*)" + ALL + " GROUP BY cat HAVING count(*) > 250",
    "SELECT cat, sum(small)" + ALL + " GROUP BY cat HAVING min(small) = 0",
    "SELECT cat, small, count(*)" + ALL + " GROUP BY ROLLUP(cat, small)",
    "SELECT cat, flag, count(*), sum(small)" + ALL + " GROUP BY CUBE(cat, flag)",
    "SELECT cat, small, count(*)" + ALL + " GROUP BY GROUPING SETS ((cat), (small), ())",
    "SELECT cat, GROUPING(cat), count(*)" + ALL + " GROUP BY ROLLUP(cat)",
    "SELECT upper(cat), count(*)" + ALL + " GROUP BY upper(cat)",
    "SELECT small + 1, count(*)" + ALL + " GROUP BY small + 1",
    "SELECT char_length(cat), count(*)" + ALL + " GROUP BY char_length(cat)",
    "SELECT small / 2, sum(id)" + ALL + " GROUP BY small / 2",
    "SELECT count(*) FILTER (WHERE small > 1), sum(id) FILTER (WHERE cat = 'a')" + ALL,
    "SELECT cat, count(*) FILTER (WHERE flag), max(id) FILTER (WHERE flag IS NULL)"
        + ALL
        + " GROUP BY cat",
    "SELECT count(*), count(small)" + ALL + " AND small IS NOT NULL",
    "SELECT cat, count(*)" + ALL + " GROUP BY cat ORDER BY count(*) DESC, cat LIMIT 3",
    "SELECT count(*) FROM (SELECT cat, count(*) AS c" + ALL + " GROUP BY cat) s",
    "SELECT max(c) FROM (SELECT small, count(*) AS c" + ALL + " GROUP BY small LIMIT 2) s",
    "SELECT min(flag), max(flag)" + ALL,
    "SELECT min(born), max(born), min(ts), max(ts)" + ALL + " AND born IS NULL",
    "SELECT small, min(ts), max(born)" + ALL + " GROUP BY small",
    "SELECT count(*), sum(id), min(cat)" + ALL + " AND 1 = 0",
    "SELECT cat, count(*)" + ALL + " AND 1 = 0 GROUP BY cat",
    "SELECT sum(small), count(*) FROM t.recs",
    "SELECT sum(score), min(score), max(score), avg(score)" + ALL,
    "SELECT any_value(small) IS NULL, count(*)" + ALL + " AND small IS NULL",
    "SELECT bool_and(flag), bool_or(flag)" + ALL,
    "SELECT count(*), sum(number) FROM numbers(-5, 5) WHERE number > -2.5",
    "SELECT part, count(*), max(cat)" + ALL + " AND part <> 1 GROUP BY part",
    "SELECT part, count(*) FROM t.recs WHERE part = 1 OR part = 5 GROUP BY part",
    "SELECT part, count(*) FROM t.recs WHERE part IN (1, 2) AND (part = 2 OR small = 1)"
        + " GROUP BY part",
    "SELECT r.cat, count(*), sum(r.small) FROM t.recs r JOIN (VALUES (0), (2)) v(p)"
        + " ON r.part = v.p GROUP BY r.cat",
    "SELECT v.p, count(*) FROM t.recs r JOIN (VALUES (0), (2)) v(p) ON r.part = v.p"
        + " WHERE r.cat LIKE 'a%' GROUP BY v.p",
    "SELECT sum(number) FROM numbers(9223372036854775800, 9223372036854775807)",
    "SELECT count(*) FROM numbers(0, 100) WHERE number NOT IN (1, 2, NULL)",
  };

  @TempDir static Path dir;
  private static RowsFeed feed;
  private static ArrowtapEngine engine;
  private static Connection pushed;
  private static Connection plain;
  private static final List<WorkerServer> workers = new ArrayList<>();
  private static ArrowtapEngine clustered;
  private static Connection onWorkers;

  @BeforeAll
  static void start() throws Exception {
    feed = RowsFeed.start();
    engine =
        new ArrowtapEngine(
            EngineConfig.defaults()
                .withLocalSlots(2)
                .withCatalog(onePagePerPart(feed.catalog(dir))));
    pushed = engine.connect(Map.of("batch_size", "64"));
    plain = engine.connect(Map.of("batch_size", "64", "push_aggregates", "false"));
    WorkerSecret secret = WorkerSecret.of("test-secret-0123456789");
    for (int i = 0; i < 2; i++) {
      workers.add(WorkerServer.start("127.0.0.1", 0, secret));
    }
    clustered =
        new ArrowtapEngine(
            EngineConfig.defaults()
                .withLocalSlots(2)
                .withCatalog(dir.resolve("catalog.yaml"))
                .withExecution(
                    ExecutionConfig.local()
                        .withWorkers(
                            workers.stream().map(WorkerServer::address).toList(),
                            Optional.of(secret))));
    onWorkers = clustered.connect(Map.of("batch_size", "64"));
  }

  /** One page per part keeps the ~200 queries quick; paging is covered elsewhere. */
  private static Path onePagePerPart(Path catalog) throws java.io.IOException {
    java.nio.file.Files.writeString(
        catalog,
        java.nio.file.Files.readString(catalog).replace("page_size: 100,", "page_size: 1000,"));
    return catalog;
  }

  @AfterAll
  static void stop() throws SQLException {
    pushed.close();
    plain.close();
    onWorkers.close();
    assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    assertEquals(0, clustered.services().rootAllocator().getAllocatedMemory());
    engine.close();
    clustered.close();
    workers.forEach(WorkerServer::close);
    feed.close();
  }

  @Test
  void edgeQueriesAgreeWithTheUnpushedEngine() {
    assertAgree(pushed);
  }

  @Test
  void edgeQueriesPushedToRealWorkersAgreeWithTheUnpushedEngine() {
    assertAgree(onWorkers);
  }

  @Test
  void dateAndTimestampQueriesAgreeInAnotherJvmTimeZone() throws SQLException {
    java.util.TimeZone before = java.util.TimeZone.getDefault();
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/St_Johns"));
    try (Connection zonedPushed = engine.connect(Map.of("batch_size", "64"));
        Connection zonedPlain =
            engine.connect(Map.of("batch_size", "64", "push_aggregates", "false"))) {
      List<String> wrong = new ArrayList<>();
      for (String sql : QUERIES) {
        if (sql.contains("born") || sql.contains("ts")) {
          String expected = outcome(zonedPlain, sql);
          String actual = outcome(zonedPushed, sql);
          if (!expected.equals(actual)) {
            wrong.add(sql + "\n  pushed:   " + actual + "\n  unpushed: " + expected);
          }
        }
      }
      assertEquals(List.of(), wrong, String.join("\n", wrong));
    } finally {
      java.util.TimeZone.setDefault(before);
    }
  }

  private static void assertAgree(Connection tested) {
    List<String> wrong = new ArrayList<>();
    for (String sql : QUERIES) {
      String expected = outcome(plain, sql);
      String actual = outcome(tested, sql);
      if (!expected.equals(actual) || actual.startsWith("not an SQLException")) {
        wrong.add(sql + "\n  pushed:   " + actual + "\n  unpushed: " + expected);
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /** The sorted rows, or the SQLState of the failure. */
  private static String outcome(Connection connection, String sql) {
    try {
      return AggregateDifferentialTest.rows(connection, sql).toString();
    } catch (SQLException e) {
      return "SQLException " + e.getSQLState();
    } catch (RuntimeException e) {
      return "not an SQLException: " + e;
    }
  }
}
