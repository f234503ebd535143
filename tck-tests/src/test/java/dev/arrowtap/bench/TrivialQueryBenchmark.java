package dev.arrowtap.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Latency of a trivial query repeated through the embedded driver, in one process: planned anew
 * each time ({@code plan_cache=false}), the same text with plan reuse, and a prepared statement
 * executed again; median and 90th percentile of each, and the ratios. Run with bench/trivial.sh;
 * not a test.
 */
public final class TrivialQueryBenchmark {
  private static final String SQL = "SELECT count(*) FROM numbers(0, 10)";

  private TrivialQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    try (Connection uncached = DriverManager.getConnection("jdbc:arrowtap:plan_cache=false");
        Connection cached = DriverManager.getConnection("jdbc:arrowtap:");
        Statement off = uncached.createStatement();
        Statement on = cached.createStatement();
        PreparedStatement prepared = cached.prepareStatement(SQL)) {
      Case[] cases = {
        new Case("statement, plan_cache=false", () -> once(off.executeQuery(SQL))),
        new Case("statement, plan_cache=true", () -> once(on.executeQuery(SQL))),
        new Case("prepared statement, again", () -> once(prepared.executeQuery())),
      };
      // Warm up the JIT, then take turns in rounds so that a noisy moment hits every case.
      for (Case c : cases) {
        c.measure(Math.max(20, runs / 5), false);
      }
      for (int round = 0; round < 5; round++) {
        for (Case c : cases) {
          c.measure(runs / 5, true);
        }
      }
      System.out.printf(Locale.ROOT, "%s, %d runs each (embedded driver)%n", SQL, (runs / 5) * 5);
      System.out.printf(
          Locale.ROOT, "%-30s %12s %12s %10s%n", "case", "median ms", "p90 ms", "vs off");
      double baseline = cases[0].percentile(0.5);
      for (Case c : cases) {
        System.out.printf(
            Locale.ROOT,
            "%-30s %12.2f %12.2f %9.1fx%n",
            c.name,
            c.percentile(0.5),
            c.percentile(0.9),
            baseline / c.percentile(0.5));
      }
    }
  }

  private static void once(ResultSet rs) throws SQLException {
    try (rs) {
      if (!rs.next() || rs.getLong(1) != 10) {
        throw new IllegalStateException("wrong answer");
      }
    }
  }

  /** One way of running the query, and its latencies. */
  private static final class Case {
    final String name;
    final Query query;
    final List<Double> millis = new ArrayList<>();

    Case(String name, Query query) {
      this.name = name;
      this.query = query;
    }

    void measure(int times, boolean keep) throws SQLException {
      for (int i = 0; i < times; i++) {
        long start = System.nanoTime();
        query.run();
        if (keep) {
          millis.add((System.nanoTime() - start) / 1e6);
        }
      }
    }

    double percentile(double p) {
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
  }

  private interface Query {
    void run() throws SQLException;
  }
}
