package dev.arrowtap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A slow paged API read with concurrent page requests against the ideal: {@code pages} pages of
 * {@code delay} ms each, the first alone and then {@code concurrency} at once, should take about
 * delay + (pages - 1) x delay / concurrency. Also checks the rows equal those of a
 * one-page-at-a-time scan. Run with {@code bench/pages.sh}, or as measure 4 of {@code bench/run};
 * not a test, since timings on shared machines vary.
 */
public final class PagesBenchmark {
  private PagesBenchmark() {}

  /**
   * One scan of a table: how long it took and the most requests the API saw at once.
   *
   * @param millis wall time of the scan
   * @param requestsAtOnce requests in flight at the API at once, at most
   * @param sameRows whether its rows equal the one-page-at-a-time scan's
   */
  public record Scan(double millis, int requestsAtOnce, boolean sameRows) {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int delayMillis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = Files.createTempDirectory("arrowtap-pages-bench");
    try (PagedApi api = new PagedApi(pages, delayMillis);
        Reader reader = new Reader(api, dir, concurrency, delayMillis)) {
      // The first page goes alone (it tells whether the API answers and how many pages follow),
      // then the rest go concurrency at a time: one round trip more than all pages at once.
      double ideal = delayMillis + (pages - 1) * (double) delayMillis / concurrency;
      double allAtOnce = pages * (double) delayMillis / concurrency;
      System.out.printf(
          "%d pages of %d rows at %d ms, concurrency %d%n",
          pages, PagedApi.PAGE_SIZE, delayMillis, concurrency);
      System.out.printf(
          "ideal (delay + (pages - 1) x delay / concurrency): %8.0f ms%n"
              + "without the first page alone (pages x delay / concurrency): %8.0f ms%n",
          ideal, allAtOnce);
      boolean same = reader.sequentialRows() == pages * PagedApi.PAGE_SIZE;
      for (String table : List.of("concurrent", "no_total")) {
        reader.scan(table); // warm-up
        double best = Double.MAX_VALUE;
        int most = 0;
        for (int run = 0; run < 3; run++) {
          Scan scan = reader.scan(table);
          best = Math.min(best, scan.millis());
          same &= scan.sameRows();
          most = Math.max(most, scan.requestsAtOnce());
        }
        String what = table.equals("concurrent") ? "total_pointer" : "no total";
        System.out.printf(
            "%-13s best of 3: %6.0f ms, ratio %.2f (target <= 1.25; %.2f to pages x delay /"
                + " concurrency), %d requests at once%n",
            what, best, best / ideal, best / allAtOnce, most);
      }
      System.out.printf(
          "rows identical to the sequential scan: %s (%,d rows)%n", same, reader.sequentialRows());
      if (!same) {
        System.exit(1);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  /** Reads the API's tables through the embedded driver, each statement prepared once. */
  public static final class Reader implements AutoCloseable {
    private final PagedApi api;
    private final int delayMillis;
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final List<String> sequential;

    public Reader(PagedApi api, Path dir, int concurrency, int delayMillis) throws Exception {
      this.api = api;
      this.delayMillis = delayMillis;
      this.connection =
          DriverManager.getConnection("jdbc:arrowtap:catalog=" + api.catalog(dir, concurrency));
      this.sequential = rows("SELECT id, name FROM b.sequential");
    }

    public int sequentialRows() {
      return sequential.size();
    }

    /** Scans {@code b.<table>} once, timed, and compares its rows with the sequential scan's. */
    public Scan scan(String table) throws Exception {
      // Pages requested past the end are cancelled, but the server finishes its delay on them:
      // let them end so that they do not count as this scan's.
      Thread.sleep(2L * delayMillis);
      api.resetMaxInFlight();
      long start = System.nanoTime();
      List<String> rows = rows("SELECT id, name FROM b." + table);
      double millis = (System.nanoTime() - start) / 1e6;
      return new Scan(millis, api.maxInFlight(), rows.equals(sequential));
    }

    /** Prepared once per text, so that the timings are the scan's and not the planner's. */
    private List<String> rows(String sql) throws Exception {
      List<String> out = new ArrayList<>();
      PreparedStatement statement = prepared.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        prepared.put(sql, statement);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1) + "|" + rs.getString(2));
        }
      }
      return out;
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }
}
