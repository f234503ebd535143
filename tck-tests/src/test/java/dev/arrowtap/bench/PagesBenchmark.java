package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A slow paged API read with concurrent page requests against the ideal: {@code pages} pages of
 * {@code delay} ms each, read with {@code concurrency} pages at once, should take about pages x
 * delay / concurrency. Also checks the rows equal those of a one-page-at-a-time scan. Run with
 * {@code bench/pages.sh}; not a test, since timings on shared machines vary.
 */
public final class PagesBenchmark {
  private static final int PAGE_SIZE = 100;

  private static final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger maxInFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  private PagesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int delayMillis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    // As real API servers do; otherwise Nagle's algorithm holds each body back behind its headers
    // until the client's delayed ACK, about 40 ms a page.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext(
        "/items",
        exchange -> {
          int now = inFlight.incrementAndGet();
          if (System.getenv("TRACE") != null) {
            System.out.println(
                System.nanoTime() / 1000000 % 100000
                    + " "
                    + exchange.getRequestURI().getQuery()
                    + " "
                    + now);
          }
          maxInFlight.accumulateAndGet(now, Math::max);
          String query = exchange.getRequestURI().getQuery();
          int offset = Integer.parseInt(query.replaceAll(".*offset=(\\d+).*", "$1"));
          StringBuilder body = new StringBuilder("{\"data\":[");
          for (int id = offset; id < Math.min(pages * PAGE_SIZE, offset + PAGE_SIZE); id++) {
            body.append(id == offset ? "" : ",")
                .append("{\"id\":")
                .append(id)
                .append(",\"name\":\"item ")
                .append(id)
                .append("\"}");
          }
          byte[] bytes =
              body.append("],\"total\":")
                  .append(pages * PAGE_SIZE)
                  .append("}")
                  .toString()
                  .getBytes(StandardCharsets.UTF_8);
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    http.start();
    Path dir = Files.createTempDirectory("arrowtap-pages-bench");
    Path catalog = dir.resolve("catalog.yaml");
    String feed =
        "        url: http://127.0.0.1:"
            + http.getAddress().getPort()
            + "/items\n        records: {pointer: /data}\n"
            + "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n"
            + "        pagination: {style: offset, page_size: "
            + PAGE_SIZE;
    Files.writeString(
        catalog,
        "schemas:\n  - name: b\n    tables:\n"
            + "      - name: sequential\n        concurrency: 1\n"
            + feed
            + "}\n      - name: concurrent\n        concurrency: "
            + concurrency
            + "\n"
            + feed
            + ", total_pointer: /total}\n      - name: no_total\n        concurrency: "
            + concurrency
            + "\n"
            + feed
            + "}\n");
    try (Connection connection = DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog)) {
      List<String> sequential = rows(connection, "SELECT id, name FROM b.sequential");
      double ideal = pages * (double) delayMillis / concurrency;
      System.out.printf(
          "%d pages of %d rows at %d ms, concurrency %d%n",
          pages, PAGE_SIZE, delayMillis, concurrency);
      System.out.printf("ideal (pages x delay / concurrency):      %8.0f ms%n", ideal);
      boolean same = sequential.size() == pages * PAGE_SIZE;
      for (String table : List.of("concurrent", "no_total")) {
        rows(connection, "SELECT id, name FROM b." + table); // warm-up
        long best = Long.MAX_VALUE;
        int most = 0;
        for (int run = 0; run < 3; run++) {
          // Pages requested past the end are cancelled, but the server finishes its 100 ms on
          // them: let them end so that they do not count as this run's.
          Thread.sleep(2L * delayMillis);
          maxInFlight.set(0);
          long start = System.nanoTime();
          List<String> concurrent = rows(connection, "SELECT id, name FROM b." + table);
          best = Math.min(best, System.nanoTime() - start);
          same &= sequential.equals(concurrent);
          most = Math.max(most, maxInFlight.get());
        }
        double measured = best / 1e6;
        String what = table.equals("concurrent") ? "total_pointer" : "no total";
        System.out.printf(
            "%-13s best of 3: %6.0f ms, ratio %.2f (target <= 1.25), %d requests at once%n",
            what, measured, measured / ideal, most);
      }
      System.out.printf(
          "rows identical to the sequential scan: %s (%,d rows)%n", same, sequential.size());
      if (!same) {
        System.exit(1);
      }
    } finally {
      http.stop(0);
      ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
      Files.deleteIfExists(catalog);
      Files.deleteIfExists(dir);
    }
  }

  /** Prepared once per text, so that the timings are the scan's and not the planner's. */
  private static final java.util.Map<String, PreparedStatement> PREPARED =
      new java.util.HashMap<>();

  private static List<String> rows(Connection connection, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    PreparedStatement statement = PREPARED.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      PREPARED.put(sql, statement);
    }
    if (System.getenv("TRACE") != null) {
      System.out.println(System.nanoTime() / 1000000 % 100000 + " start");
    }
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getLong(1) + "|" + rs.getString(2));
      }
    }
    return out;
  }
}
