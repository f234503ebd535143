package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One slow paged feed with a known total read by two workers at once, each task with the table's
 * {@code concurrency} pages in flight, against the ideal for both workers' pages in flight together
 * (pages x delay / (2 x concurrency)), against the same feed without a total (one task, on one
 * worker), and the same rows from a cursor API cut into a window a day ({@code split: {column,
 * step}}) against the ideal for its requests. Run with {@code bench/split.sh}; not a test, since
 * timings on shared machines vary.
 */
public final class SplitBenchmark {
  private static final WorkerSecret SECRET = WorkerSecret.of("split-bench-secret-0123");

  private SplitBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int delayMillis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dir = Files.createTempDirectory("arrowtap-split-bench");
    try (PagedApi api = new PagedApi(pages, delayMillis);
        EventsApi events = new EventsApi((long) pages * PagedApi.PAGE_SIZE, delayMillis);
        WorkerServer first = WorkerServer.start("127.0.0.1", 0, SECRET);
        WorkerServer second = WorkerServer.start("127.0.0.1", 0, SECRET)) {
      Path catalog = api.catalog(dir, concurrency);
      Files.writeString(
          catalog, events.table(concurrency), java.nio.file.StandardOpenOption.APPEND);
      ExecutionConfig workers =
          ExecutionConfig.local()
              .withWorkers(List.of(first.address(), second.address()), Optional.of(SECRET));
      try (ArrowtapEngine engine =
              new ArrowtapEngine(
                  EngineConfig.defaults().withCatalog(catalog).withExecution(workers));
          Connection connection = engine.connect(Map.of());
          Statement statement = connection.createStatement()) {
        double ideal = pages * (double) delayMillis / (2 * concurrency);
        System.out.printf(
            "%d pages of %d rows at %d ms, 2 workers, concurrency %d per task%n",
            pages, PagedApi.PAGE_SIZE, delayMillis, concurrency);
        System.out.printf(
            "ideal for %d in flight:               %8.0f ms%n", 2 * concurrency, ideal);
        long expected = (long) pages * PagedApi.PAGE_SIZE;
        for (String table : List.of("concurrent", "no_total")) {
          scan(statement, table, expected); // warm-up
          double best = Double.MAX_VALUE;
          for (int run = 0; run < 2; run++) {
            best = Math.min(best, scan(statement, table, expected));
          }
          String what =
              table.equals("concurrent") ? "total_pointer: page ranges" : "no total: one task";
          System.out.printf(
              "%-27s best of 2: %6.0f ms, ratio to ideal %.2f%s%n",
              what, best, best / ideal, table.equals("concurrent") ? " (target <= 1.25)" : "");
        }
        // The same rows from a cursor API that can only be walked, cut into a window a day.
        String byDay = "e.by_day";
        scan(statement, byDay, expected); // warm-up
        int before = events.requests();
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
          best = Math.min(best, scan(statement, byDay, expected));
        }
        int requests = (events.requests() - before) / 2;
        double windowIdeal = requests * (double) delayMillis / (2 * concurrency);
        System.out.printf(
            "%-27s best of 2: %6.0f ms, %d requests, ideal %.0f ms, ratio %.2f (target <= 1.5)%n",
            "cursor, " + EventsApi.DAYS + " windows of 1d",
            best,
            requests,
            windowIdeal,
            best / windowIdeal);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  /** Scans the table once; fails unless every row came exactly once. */
  private static double scan(Statement statement, String table, long expected) throws Exception {
    long start = System.nanoTime();
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT count(*), count(DISTINCT id) FROM "
                + (table.contains(".") ? table : "b." + table))) {
      rs.next();
      if (rs.getLong(1) != expected || rs.getLong(2) != expected) {
        throw new IllegalStateException(
            table + ": " + rs.getLong(1) + " rows, " + rs.getLong(2) + " ids, not " + expected);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
