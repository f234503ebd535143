package dev.arrowtap.bench;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.jdbc.ArrowtapStatement;
import dev.arrowtap.worker.WorkerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measure 7: {@code count(*)} over a large {@code numbers} range, run locally and on 2 Flight
 * workers, with what travels back from the workers.
 */
final class NumbersMeasure implements Measure {
  private static final String SECRET = "bench-worker-secret-0123456789";

  @Override
  public int number() {
    return 7;
  }

  @Override
  public String title() {
    return "count(*) over numbers(): local against 2 Flight workers";
  }

  @Override
  public String id() {
    return "numbers";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    long end = mode.numbersEnd();
    String sql = "SELECT count(*) FROM numbers(0, " + end + ")";
    Path secret = Files.writeString(context.dir().resolve("worker-secret"), SECRET + "\n");
    AtomicLong backRows = new AtomicLong();
    AtomicLong backBytes = new AtomicLong();
    try (WorkerServer first = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(SECRET));
        WorkerServer second = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(SECRET));
        Connection local = DriverManager.getConnection("jdbc:arrowtap:");
        Connection workers =
            DriverManager.getConnection(
                "jdbc:arrowtap:workers="
                    + first.address()
                    + ","
                    + second.address()
                    + ";worker_secret_file="
                    + secret)) {
      // The range is the point of this measure: fewer rounds at full size.
      int rounds = Math.min(3, mode.rounds());
      int warmups = Math.min(1, mode.warmups());
      Rounds.Outcome outcome =
          Rounds.run(
              warmups,
              rounds,
              List.of(
                  new Contestant("local", () -> count(local, sql, null, null)),
                  new Contestant("2 workers", () -> count(workers, sql, backRows, backBytes))),
              context.logger());
      Agreement.same(outcome.answers(), "counts");
      if (!outcome.answers().get("local").equals(Long.toString(end))) {
        throw new IllegalStateException("count(*) gave " + outcome.answers());
      }
      Timing localTiming = outcome.timing("local");
      Timing workersTiming = outcome.timing("2 workers");
      String method =
          String.format(
              Locale.ROOT,
              "`%s` through the embedded driver: locally (tasks in this JVM, one slot per core)"
                  + " and with 2 Arrow Flight workers on loopback (`workers=...`; the workers run"
                  + " in the same process, so the comparison shares the same 2 cores and shows the"
                  + " cost of shipping the work and its results). %d warm-up and %d measured"
                  + " rounds, alternating.",
              sql,
              warmups,
              rounds);
      return new Findings(
          method,
          TimingTable.HEADER,
          TimingTable.rows(List.of(localTiming, workersTiming), localTiming, end, true),
          List.of(
              Ratio.ofTimes(
                  "numbers, 2 workers / local", workersTiming, localTiming, true, ">= 1.0")),
          List.of(
              String.format(
                  Locale.ROOT,
                  "What travels back from the workers per query: %s rows in %s of Arrow (goal: the"
                      + " partial results, a few KB).",
                  TimingTable.fixed((double) backRows.get(), 0),
                  TimingTable.bytes(backBytes.get()))));
    }
  }

  private static String count(Connection connection, String sql, AtomicLong rows, AtomicLong bytes)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      long count;
      try (ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        count = rs.getLong(1);
      }
      if (rows != null) {
        long r = 0;
        long b = 0;
        try (ResultSet metrics = statement.unwrap(ArrowtapStatement.class).getTaskMetrics()) {
          while (metrics.next()) {
            if (metrics.getString("worker") != null) {
              r += metrics.getLong("row_count");
              b += metrics.getLong("arrow_bytes");
            }
          }
        }
        rows.set(r);
        bytes.set(b);
      }
      return Long.toString(count);
    }
  }
}
