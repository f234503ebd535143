package dev.arrowtap.bench;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * Measures how fast rows cross Avatica's HTTP wire, JSON against protobuf and by fetch size, in one
 * process so that the ratios are comparable. Run with bench/wire.sh; not a test.
 */
public final class WireBenchmark {

  private WireBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    try (ArrowtapServer json =
            ArrowtapServer.start(
                new ArrowtapEngine(EngineConfig.defaults()), "127.0.0.1", 0, Serialization.JSON);
        ArrowtapServer protobuf =
            ArrowtapServer.start(
                new ArrowtapEngine(EngineConfig.defaults()),
                "127.0.0.1",
                0,
                Serialization.PROTOBUF)) {
      String[][] cases = {
        {"json", json.url(), "100"},
        {"json", json.url(), "1000"},
        {"json", json.url(), "10000"},
        {"protobuf", protobuf.url(), "100"},
        {"protobuf", protobuf.url(), "1000"},
        {"protobuf", protobuf.url(), "10000"},
        {"embedded", null, "10000"},
      };
      for (String[] c : cases) {
        run(c, rows / 10); // warm-up
      }
      double baseline = 0;
      System.out.printf("%-10s %10s %12s %8s%n", "wire", "fetch_size", "rows/s", "ratio");
      for (String[] c : cases) {
        double best = 0;
        for (int i = 0; i < 3; i++) {
          best = Math.max(best, run(c, rows));
        }
        if (baseline == 0) {
          baseline = best;
        }
        System.out.printf("%-10s %10s %,12.0f %8.2f%n", c[0], c[2], best, best / baseline);
      }
    }
  }

  private static double run(String[] c, long rows) throws Exception {
    String url =
        c[1] == null ? "jdbc:arrowtap:" : "jdbc:arrowtap:url=" + c[1] + ";serialization=" + c[0];
    try (Connection connection = DriverManager.getConnection(url + ";fetch_size=" + c[2]);
        Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      long count = 0;
      long sum = 0;
      try (ResultSet rs =
          statement.executeQuery(
              String.format(
                  "SELECT number, number * 2 AS twice, 'row ' || CAST(number AS VARCHAR) AS label FROM numbers(0, %d)",
                  rows))) {
        while (rs.next()) {
          count++;
          sum += rs.getLong(2) + rs.getString(3).length();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (count != rows || sum == 0) {
        throw new IllegalStateException("read " + count + " rows, expected " + rows);
      }
      return rows / seconds;
    }
  }
}
