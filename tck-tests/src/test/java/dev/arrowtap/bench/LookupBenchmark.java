package dev.arrowtap.bench;

import dev.arrowtap.demo.DemoApi;
import dev.arrowtap.jdbc.BatchedLookup;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seed 003's scenario four ways on the same demo data, in one process: one big join of P, A, R and
 * S; the seed's batches (the driving query re-run with LIMIT/OFFSET for each batch, then a lookup
 * per table); one join-bound lookup query per table; and the BatchedLookup API. Reports rows
 * transferred to the client, HTTP requests, time and peak heap, as ratios to the big join. Then the
 * BatchedLookup API over growing numbers of ids (numbers-driven, into the chunked P feed) to show
 * that memory stays flat. Run with {@code bench/lookups.sh}; not a test.
 */
public final class LookupBenchmark {
  private static final String IDS = "(SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";
  private static final String[] LOOKUPS = {
    "SELECT id, name, tier FROM demo.p_accounts WHERE id IN " + IDS,
    "SELECT account_id, seq, severity, message FROM demo.a_logs WHERE account_id IN " + IDS,
    "SELECT account_id, kind, allocation FROM demo.r_resources WHERE account_id IN " + IDS,
    "SELECT account_id, state, updated_day FROM demo.s_statuses WHERE account_id IN " + IDS
  };
  private static final String[] JOINED = {
    "JOIN demo.p_accounts p ON p.id = d.id",
    "JOIN demo.a_logs a ON a.account_id = d.id",
    "JOIN demo.r_resources r ON r.account_id = d.id",
    "JOIN demo.s_statuses s ON s.account_id = d.id"
  };
  private static final String[] COLUMNS = {
    "p.id, p.name, p.tier",
    "a.seq, a.severity, a.message",
    "r.kind, r.allocation",
    "s.state, s.updated_day"
  };

  private record Result(String name, long rows, long requests, long millis, long peakHeap) {}

  /** The largest heap in use after a GC at the end of a batch, in the current run. */
  private static long liveAfterBatch;

  private LookupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String driving = args.length > 0 ? args[0] : "SELECT id FROM demo.accounts WHERE region = 'eu'";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    try (DemoApi api = DemoApi.start("127.0.0.1", 0)) {
      String text = Files.readString(Path.of("examples", "catalog.yaml"));
      text =
          text.replace("${env:ARROWTAP_DEMO_URL}", api.baseUrl())
              .replace("${env:ARROWTAP_DEMO_TOKEN}", DemoApi.TOKEN);
      Path catalog = Files.createTempFile("arrowtap-lookups", ".yaml");
      Files.writeString(catalog, text);
      try (Connection c = DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog)) {
        System.out.println("driving query: " + driving + "; batches of " + batch + " ids");
        bigJoin(c, driving); // warm-up: planning and JIT
        List<Result> results = new ArrayList<>();
        results.add(measure("one big join", api, () -> bigJoin(c, driving)));
        results.add(
            measure("LIMIT/OFFSET batches (seed)", api, () -> offsetBatches(c, driving, batch)));
        results.add(measure("join-bound lookup per table", api, () -> joinBound(c, driving)));
        results.add(measure("BatchedLookup API", api, () -> batched(c, driving, batch)));
        print(results);
        System.out.println();
        System.out.println(
            "BatchedLookup over numbers(1, n + 1) into P (up to 1,000 ids a request), batches of 65,536:");
        System.out.println(
            "| ids | rows | requests | ms | peak heap MB | live heap after each batch, max MB |");
        System.out.println("|---|---|---|---|---|---|");
        int max = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        for (int n = 10_000; n <= max; n *= 4) {
          int ids = n;
          Result r =
              measure(
                  "numbers " + n,
                  api,
                  () -> batchedP(c, "SELECT number FROM numbers(1, " + (ids + 1) + ")", 65_536));
          System.out.printf(
              Locale.ROOT,
              "| %,d | %,d | %,d | %,d | %.1f | %.1f |%n",
              n,
              r.rows(),
              r.requests(),
              r.millis(),
              r.peakHeap() / 1e6,
              liveAfterBatch / 1e6);
          liveAfterBatch = 0;
        }
      }
      Files.deleteIfExists(catalog);
    }
  }

  @FunctionalInterface
  private interface Run {
    long rows() throws SQLException;
  }

  private static Result measure(String name, DemoApi api, Run run) throws SQLException {
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        heap.add(pool);
      }
    }
    long requests = api.requestCount();
    long start = System.nanoTime();
    long rows = run.rows();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Result(name, rows, api.requestCount() - requests, millis, peak);
  }

  private static void print(List<Result> results) {
    Result base = results.get(0);
    System.out.println(
        "| strategy | rows to client | requests | ms | peak heap MB | rows ratio | requests ratio | time ratio | heap ratio |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %,d | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
          r.name(),
          r.rows(),
          r.requests(),
          r.millis(),
          r.peakHeap() / 1e6,
          (double) r.rows() / base.rows(),
          (double) r.requests() / base.requests(),
          (double) r.millis() / base.millis(),
          (double) r.peakHeap() / base.peakHeap());
    }
  }

  private static long bigJoin(Connection c, String driving) throws SQLException {
    String sql =
        "SELECT "
            + String.join(", ", COLUMNS)
            + " FROM ("
            + driving
            + ") d "
            + String.join(" ", JOINED);
    return drain(c, sql);
  }

  /** The seed's own way: the driving query again for every batch, with LIMIT and OFFSET. */
  private static long offsetBatches(Connection c, String driving, int batch) throws SQLException {
    long rows = 0;
    for (int offset = 0; ; offset += batch) {
      List<Object> ids = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT DISTINCT id FROM ("
                      + driving
                      + ") ORDER BY id LIMIT "
                      + batch
                      + " OFFSET "
                      + offset)) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      rows += ids.size();
      if (ids.isEmpty()) {
        return rows;
      }
      for (String lookup : LOOKUPS) {
        try (PreparedStatement ps = c.prepareStatement(lookup)) {
          ps.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
          rows += drain(ps);
        }
      }
      if (ids.size() < batch) {
        return rows;
      }
    }
  }

  private static long joinBound(Connection c, String driving) throws SQLException {
    long rows = 0;
    for (int t = 0; t < JOINED.length; t++) {
      rows += drain(c, "SELECT d.id, " + COLUMNS[t] + " FROM (" + driving + ") d " + JOINED[t]);
    }
    return rows;
  }

  private static long batched(Connection c, String driving, int batch) throws SQLException {
    BatchedLookup.Builder builder = BatchedLookup.on(c).driving(driving).batchSize(batch);
    for (int t = 0; t < LOOKUPS.length; t++) {
      builder.lookup("T" + t, LOOKUPS[t]);
    }
    return drainBatches(builder);
  }

  private static long batchedP(Connection c, String driving, int batch) throws SQLException {
    long rows = 0;
    try (BatchedLookup lookup =
        BatchedLookup.on(c).driving(driving).batchSize(batch).lookup("P", LOOKUPS[0]).open()) {
      for (BatchedLookup.Batch b : lookup) {
        rows += b.ids().size() + drain(b.results("P"));
        System.gc();
        liveAfterBatch =
            Math.max(
                liveAfterBatch, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
    }
    return rows;
  }

  private static long drainBatches(BatchedLookup.Builder builder) throws SQLException {
    long rows = 0;
    try (BatchedLookup lookup = builder.open()) {
      for (BatchedLookup.Batch b : lookup) {
        rows += b.ids().size();
        for (int t = 0; t < LOOKUPS.length; t++) {
          rows += drain(b.results("T" + t));
        }
      }
    }
    return rows;
  }

  private static long drain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return drain(rs);
    }
  }

  private static long drain(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return drain(rs);
    }
  }

  private static long drain(ResultSet rs) throws SQLException {
    long rows = 0;
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        rs.getObject(i);
      }
      rows++;
    }
    return rows;
  }
}
