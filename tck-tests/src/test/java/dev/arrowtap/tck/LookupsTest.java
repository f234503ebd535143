package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.jdbc.BatchedLookup;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11 through the driver, embedded and remote: array parameters and joins bind feed
 * parameters, and {@link BatchedLookup} streams seed 003's scenario (P, A, R, S by account id) in
 * batches, with exactly a plain join's rows, the driving query read once and one request per id or
 * chunk.
 */
class LookupsTest {
  private static final DemoFeeds DEMO = DemoFeeds.INSTANCE;
  private static final String IDS = "(SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";
  private static final String DRIVING = "SELECT id FROM demo.accounts WHERE region = 'eu'";

  /** Each lookup: its name, its query by ids, the same as a plain join, and its request path. */
  private record Table(String name, String lookup, String join, String path, int chunk) {}

  private static final List<Table> TABLES =
      List.of(
          new Table(
              "P",
              "SELECT id, name, tier FROM demo.p_accounts WHERE id IN " + IDS,
              "SELECT p.id, p.name, p.tier FROM ("
                  + DRIVING
                  + ") d JOIN demo.p_accounts p ON p.id = d.id",
              "/api/accounts/by_id",
              1000),
          new Table(
              "A",
              "SELECT account_id, seq, severity, message FROM demo.a_logs WHERE account_id IN "
                  + IDS,
              "SELECT a.account_id, a.seq, a.severity, a.message FROM ("
                  + DRIVING
                  + ") d"
                  + " JOIN demo.a_logs a ON a.account_id = d.id",
              "/api/logs",
              1),
          new Table(
              "R",
              "SELECT account_id, kind, allocation FROM demo.r_resources WHERE account_id IN "
                  + IDS,
              "SELECT r.account_id, r.kind, r.allocation FROM ("
                  + DRIVING
                  + ") d"
                  + " JOIN demo.r_resources r ON r.account_id = d.id",
              "/api/resources",
              100),
          new Table(
              "S",
              "SELECT account_id, state, updated_day FROM demo.s_statuses WHERE account_id IN "
                  + IDS,
              "SELECT s.account_id, s.state, s.updated_day FROM ("
                  + DRIVING
                  + ") d"
                  + " JOIN demo.s_statuses s ON s.account_id = d.id",
              "/api/statuses",
              50));

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arrayOf65536IdsMakesOneRequestPerChunk(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*), min(id), max(id) FROM demo.p_accounts WHERE id IN " + IDS)) {
      Object[] ids = LongStream.rangeClosed(1, 65_536).boxed().toArray();
      ps.setArray(1, c.createArrayOf("BIGINT", ids));
      long before = DEMO.api.requestCount("/api/accounts/by_id");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(65_536, rs.getLong(1));
        assertEquals(1, rs.getLong(2));
        assertEquals(65_536, rs.getLong(3));
      }
      // Batches of 1,000 ids (the feed takes up to 1,000 a request): one request each.
      assertEquals(66, DEMO.api.requestCount("/api/accounts/by_id") - before);
    }
  }

  /** PostgreSQL's {@code = ANY(array)} takes the same lookup path as the UNNEST form. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void equalsAnyOfAnArrayParameterIsALookup(Mode mode) throws SQLException {
    String sql =
        "SELECT account_id, count(*) FROM demo.a_logs WHERE account_id %s GROUP BY account_id"
            + " ORDER BY 1";
    try (Connection c = DEMO.connect(mode);
        // A required key refuses the probe that types a bare ?, so the array's type is given.
        PreparedStatement any =
            c.prepareStatement(sql.formatted("= ANY(CAST(? AS BIGINT ARRAY))"));
        PreparedStatement unnest = c.prepareStatement(sql.formatted("IN " + IDS))) {
      Array ids = c.createArrayOf("BIGINT", new Object[] {3L, 5L, 7L});
      any.setArray(1, ids);
      unnest.setArray(1, ids);
      long before = DEMO.api.requestCount("/api/logs");
      List<String> viaAny = rows(any);
      // A is readable one id a request: three ids, three requests, never the whole feed.
      assertEquals(3, DEMO.api.requestCount("/api/logs") - before);
      assertEquals(rows(unnest), viaAny);
      assertEquals(3, viaAny.size(), viaAny.toString());
      try (PreparedStatement plan =
          c.prepareStatement("EXPLAIN PLAN FOR " + sql.formatted("= ANY(?)"))) {
        plan.setArray(1, ids);
        String text = String.join("\n", rows(plan));
        assertTrue(text.contains("lookup="), text);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void quantifiedComparisonsWithAnArrayParameter(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode);
        PreparedStatement some =
            c.prepareStatement(
                "SELECT number FROM numbers(0, 6) WHERE number = SOME(?) ORDER BY 1");
        PreparedStatement all =
            c.prepareStatement(
                "SELECT number FROM numbers(0, 6) WHERE number <> ALL(?) ORDER BY 1")) {
      some.setObject(1, new long[] {1, 3, 9});
      assertEquals(List.of("1", "3"), rows(some));
      all.setObject(1, new long[] {1, 3, 9});
      assertEquals(List.of("0", "2", "4", "5"), rows(all));
      all.setObject(1, new long[] {});
      assertEquals(6, rows(all).size());
    }
  }

  private static List<String> rows(PreparedStatement statement) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void explainAnalyzeShowsTheDrivingScanAndTheLookups(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "EXPLAIN ANALYZE SELECT count(*) FROM demo.accounts d JOIN demo.a_logs a"
                    + " ON a.account_id = d.id WHERE d.id <= 250")) {
      StringBuilder text = new StringBuilder();
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
      String plan = text.toString();
      assertTrue(plan.contains("batchSize=[100]"), plan);
      assertTrue(
          plan.matches(
              "(?s).*lookup=\\[account_id IN \\(\\$cor\\d+\\.id, \\.\\.\\., \\$cor\\d+\\.id\\), 1 value a request\\].*"),
          plan);
      assertTrue(plan.contains("Stage 1: demo.accounts"), plan);
      assertTrue(plan.contains("Stage 2: demo.a_logs lookups by account_id"), plan);
      assertTrue(!plan.contains("Stage 3"), plan);
      // 250 accounts, one request each, over the stage's task slots.
      long requests =
          plan.lines()
              .filter(line -> line.contains("http_requests: "))
              .mapToLong(
                  line ->
                      Long.parseLong(
                          line.replaceAll(".*http_requests: ([0-9,]+).*", "$1").replace(",", "")))
              .sum();
      assertEquals(4 + 250, requests, plan);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void batchedLookupGivesEachBatchExactlyItsRows(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode)) {
      Map<String, Map<Long, List<String>>> expected = new TreeMap<>();
      for (Table table : TABLES) {
        expected.put(table.name(), byId(c, table.join()));
      }
      Map<String, Long> before = new TreeMap<>();
      for (Table table : TABLES) {
        before.put(table.name(), DEMO.api.requestCount(table.path()));
      }
      long listingBefore = DEMO.api.requestCount("/api/accounts");
      BatchedLookup.Builder builder = BatchedLookup.on(c).driving(DRIVING).batchSize(128);
      for (Table table : TABLES) {
        builder.lookup(table.name(), table.lookup());
      }
      Set<Long> seen = new HashSet<>();
      Map<String, Long> requests = new TreeMap<>();
      int batches = 0;
      try (BatchedLookup lookup = builder.open()) {
        for (BatchedLookup.Batch batch : lookup) {
          batches++;
          List<Long> ids = batch.ids().stream().map(id -> ((Number) id).longValue()).toList();
          assertTrue(ids.size() <= 128 && !ids.isEmpty(), ids.toString());
          for (Long id : ids) {
            assertTrue(seen.add(id), "id " + id + " in two batches");
          }
          for (Table table : TABLES) {
            List<String> want = new ArrayList<>();
            for (Long id : ids) {
              want.addAll(expected.get(table.name()).getOrDefault(id, List.of()));
            }
            List<String> got = rows(batch.results(table.name()));
            assertEquals(sorted(want), sorted(got), table.name() + " in batch " + batches);
            requests.merge(table.name(), chunks(ids.size(), table.chunk()), Long::sum);
          }
        }
      }
      assertEquals(expected.get("P").keySet(), seen);
      assertEquals((seen.size() + 127) / 128, batches);
      // The driving listing was read once: 2,000 accounts in pages of 500.
      assertEquals(4, DEMO.api.requestCount("/api/accounts") - listingBefore);
      for (Table table : TABLES) {
        assertEquals(
            requests.get(table.name()),
            DEMO.api.requestCount(table.path()) - before.get(table.name()),
            "requests of " + table.name());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingMidwayEndsTheDrivingQueryAndEveryLookup(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode)) {
      BatchedLookup.Builder builder =
          BatchedLookup.on(c).driving("SELECT id FROM demo.accounts WHERE id > 0").batchSize(50);
      for (Table table : TABLES) {
        builder.lookup(table.name(), table.lookup());
      }
      try (BatchedLookup lookup = builder.open()) {
        BatchedLookup.Batch first = lookup.next();
        assertEquals(50, first.ids().size());
        first.results("P").next(); // started, not read to the end
        assertTrue(lookup.hasNext());
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM sys.queries WHERE state = 'RUNNING'"
                      + " AND connection_id IS NOT NULL AND sql_text NOT LIKE '%sys.queries%'")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "queries of this connection still running");
      }
    }
  }

  /**
   * Requests for n ids: lookup batches of 100 ids (1,000 when a request takes more than 100), each
   * cut into chunks of at most max.
   */
  private static long chunks(int ids, int max) {
    int size = max > 100 ? 1000 : 100;
    long total = 0;
    for (int from = 0; from < ids; from += size) {
      int batch = Math.min(size, ids - from);
      total += (batch + max - 1) / max;
    }
    return total;
  }

  private static Map<Long, List<String>> byId(Connection c, String sql) throws SQLException {
    Map<Long, List<String>> out = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      for (String row : rows(rs)) {
        out.computeIfAbsent(Long.parseLong(row.split("\\|", -1)[0]), id -> new ArrayList<>())
            .add(row);
      }
    }
    return out;
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        row.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      out.add(row.toString());
    }
    return out;
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(null);
    return copy;
  }
}
