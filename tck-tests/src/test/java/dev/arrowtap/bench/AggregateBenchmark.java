package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

/**
 * Aggregates computed inside the scan's tasks against the same queries aggregated by Calcite above
 * the scan ({@code push_aggregates=false}), in one process through the embedded driver, so the
 * ratio is comparable (5 runs of each, in turns, the best of each kept): issue 12's GROUP BY over
 * an NDJSON feed on loopback HTTP, and a count and sum over {@code numbers()}. Run with {@code
 * bench/aggregates.sh}; not a test.
 */
public final class AggregateBenchmark {
  private static final String[] CATEGORIES = {"books", "toys", "garden", "food", "sports", "music"};
  private static final String GROUP_BY =
      "SELECT category, count(*), sum(score), max(id), sum(user_id) FROM b.events GROUP BY category";

  private AggregateBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("arrowtap-aggregate-bench");
    Path body = dir.resolve("rows.ndjson");
    generate(body, rows);
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/rows",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          exchange.sendResponseHeaders(200, Files.size(body));
          try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(body, out);
          }
        });
    http.start();
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: b\n    tables:\n      - name: events\n        url: http://127.0.0.1:"
            + http.getAddress().getPort()
            + "/rows\n        records: {format: ndjson}\n        columns:\n"
            + "          - {name: id, type: BIGINT}\n"
            + "          - {name: user_id, type: BIGINT}\n"
            + "          - {name: score, type: DOUBLE}\n"
            + "          - {name: category, type: VARCHAR}\n");
    String url = "jdbc:arrowtap:catalog=" + catalog;
    String numbers = "SELECT count(*), sum(number), max(number) FROM numbers(0, " + 20 * rows + ")";
    try {
      System.out.printf(
          "%,d rows of NDJSON (%.1f MB); numbers() over %,d rows%n",
          rows, Files.size(body) / 1e6, 20L * rows);
      for (int i = 0; i < 2; i++) {
        query(url, GROUP_BY, true);
        query(url, GROUP_BY, false);
      }
      double[] feed = bestOfPairs(url, GROUP_BY, rows);
      double[] sums = bestOfPairs(url, numbers, 20L * rows);
      double feedOn = feed[0];
      double feedOff = feed[1];
      double numbersOn = sums[0];
      double numbersOff = sums[1];
      System.out.printf("%-62s %14s %8s%n", "query", "rows/s", "ratio");
      print("feed GROUP BY category, aggregated by Calcite (off)", feedOff, 1.0);
      print("feed GROUP BY category, partial aggregate in the task (on)", feedOn, feedOn / feedOff);
      print("numbers() count/sum/max, aggregated by Calcite (off)", numbersOff, 1.0);
      print(
          "numbers() count/sum/max, partial aggregate in the task (on)",
          numbersOn,
          numbersOn / numbersOff);
    } finally {
      http.stop(0);
      Files.deleteIfExists(body);
      Files.deleteIfExists(catalog);
      Files.deleteIfExists(dir);
    }
  }

  private static void print(String what, double rowsPerSecond, double ratio) {
    System.out.printf("%-62s %,14.0f %8.2f%n", what, rowsPerSecond, ratio);
  }

  /** Work that takes one pass over the rows. */
  private interface Pass {
    void run() throws Exception;
  }

  /**
   * The best rows/s with the rule on and off over 5 runs of each, taken in turns so that a busy
   * machine slows both alike.
   */
  private static double[] bestOfPairs(String url, String sql, long rows) throws Exception {
    double[] best = new double[2];
    for (int i = 0; i < 5; i++) {
      best[0] = Math.max(best[0], rate(() -> query(url, sql, true), rows));
      best[1] = Math.max(best[1], rate(() -> query(url, sql, false), rows));
    }
    return best;
  }

  private static double rate(Pass pass, long rows) throws Exception {
    long start = System.nanoTime();
    pass.run();
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private static void query(String url, String sql, boolean push) throws Exception {
    try (Connection connection = DriverManager.getConnection(url + ";push_aggregates=" + push);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static void generate(Path file, int rows) throws Exception {
    Random random = new Random(42);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < rows; i++) {
        String line =
            "{\"id\":"
                + i
                + ",\"user_id\":"
                + random.nextInt(100_000)
                + ",\"score\":"
                + (random.nextInt(100_000) / 100.0)
                + ",\"category\":\""
                + CATEGORIES[random.nextInt(CATEGORIES.length)]
                + "\"}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
