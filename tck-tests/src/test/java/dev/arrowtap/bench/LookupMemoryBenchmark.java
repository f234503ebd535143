package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.jdbc.BatchedLookup;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 11's memory check: the BatchedLookup API over {@code numbers(1, n + 1)} (n up to 1,000,000
 * ids) into a fake per-id feed on loopback (one record per id, 1,000 ids a request), embedded and
 * remote. Embedded: the heap of this JVM (engine and client). Remote: this JVM is the client; the
 * server is a child process with its own {@code -Xmx}, whose heap is read from its GC log. Peak
 * heap includes garbage; "live" is the heap left after a collection, the largest in the run. Run
 * with {@code bench/lookup-memory.sh}; not a test.
 */
public final class LookupMemoryBenchmark {
  private static final String LOOKUP =
      "SELECT id, name FROM fake.items WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))";
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
  private static final Pattern READY = Pattern.compile("listening on (http://[^\\s]+)");

  private record Run(
      long ids, long rows, long requests, long millis, double peakMb, double liveMb) {}

  private LookupMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    long max = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    String serverHeap = args.length > 1 ? args[1] : "256m";
    List<String> modes = List.of((args.length > 2 ? args[2] : "embedded,remote").split(",", -1));
    AtomicLong requests = new AtomicLong();
    HttpServer feed =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    feed.setExecutor(Executors.newFixedThreadPool(4));
    feed.createContext("/items", exchange -> answer(exchange, requests));
    feed.start();
    Path dir = Files.createTempDirectory("arrowtap-lookup-memory");
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: fake\n    tables:\n      - name: items\n"
            + "        url: http://127.0.0.1:"
            + feed.getAddress().getPort()
            + "/items\n"
            + "        records: { pointer: /data }\n"
            + "        parameters:\n"
            + "          - { name: id, type: BIGINT, batch: { max: 1000 } }\n"
            + "        columns:\n          - { name: name, type: VARCHAR }\n");
    Path gcLog = dir.resolve("server-gc.log");
    Process server = startServer(catalog, gcLog, serverHeap, dir.resolve("server.out"));
    try {
      String url = awaitReady(server, dir.resolve("server.out"));
      System.out.printf(
          Locale.ROOT,
          "client -Xmx %d MB, server -Xmx %s; BatchedLookup, batches of 65,536 ids%n%n",
          Runtime.getRuntime().maxMemory() >> 20,
          serverHeap);
      System.out.println(
          "| mode | ids | rows | requests | ms | client peak heap MB | client live heap MB"
              + " | server peak heap MB | server heap after young GC, max MB"
              + " | server heap after a full GC at the end MB |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|");
      for (String mode : modes) {
        String jdbc =
            mode.equals("embedded")
                ? "jdbc:arrowtap:catalog=" + catalog
                : "jdbc:arrowtap:url=" + url;
        try (Connection c = DriverManager.getConnection(jdbc)) {
          run(c, 1_000, requests); // warm-up: planning and JIT
          for (long n = Math.min(10_000, max); n <= max; n *= 10) {
            int gcLines = lines(gcLog).size();
            Run r = run(c, n, requests);
            double[] serverHeapMb =
                mode.equals("remote") ? serverHeap(lines(gcLog), gcLines) : new double[] {0, 0};
            double retained = mode.equals("remote") ? fullGc(server, gcLog) : 0;
            System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d | %,d | %.1f | %.1f | %s | %s | %s |%n",
                mode,
                r.ids(),
                r.rows(),
                r.requests(),
                r.millis(),
                r.peakMb(),
                r.liveMb(),
                mode.equals("remote") ? String.format(Locale.ROOT, "%.0f", serverHeapMb[0]) : "-",
                mode.equals("remote") ? String.format(Locale.ROOT, "%.0f", serverHeapMb[1]) : "-",
                mode.equals("remote") ? String.format(Locale.ROOT, "%.0f", retained) : "-");
          }
        }
      }
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      feed.stop(0);
    }
  }

  private static Run run(Connection c, long n, AtomicLong requests) throws SQLException {
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
        heap.add(pool);
      }
    }
    long before = requests.get();
    long start = System.nanoTime();
    long rows = 0;
    long live = 0;
    try (BatchedLookup lookup =
        BatchedLookup.on(c)
            .driving("SELECT number FROM numbers(1, " + (n + 1) + ")")
            .batchSize(65_536)
            .lookup("items", LOOKUP)
            .open()) {
      for (BatchedLookup.Batch batch : lookup) {
        try (ResultSet rs = batch.results("items")) {
          while (rs.next()) {
            rs.getLong(1);
            rs.getString(2);
            rows++;
          }
        }
        System.gc();
        live = Math.max(live, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Run(n, rows, requests.get() - before, millis, peak / 1e6, live / 1e6);
  }

  /** One record per asked-for id: {@code {"data": [{"id": 1, "name": "item 1"}, ...]}}. */
  private static void answer(HttpExchange exchange, AtomicLong requests) throws IOException {
    requests.incrementAndGet();
    String query = exchange.getRequestURI().getRawQuery();
    StringBuilder body = new StringBuilder("{\"data\":[");
    if (query != null && query.startsWith("id=")) {
      String[] ids = URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8).split(",", -1);
      for (int i = 0; i < ids.length; i++) {
        body.append(i > 0 ? "," : "")
            .append("{\"id\":")
            .append(ids[i])
            .append(",\"name\":\"item ")
            .append(ids[i])
            .append("\"}");
      }
    }
    byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code arrowtap server} as bin/arrowtap starts it, with a bounded heap and a GC log. */
  private static Process startServer(Path catalog, Path gcLog, String heap, Path out)
      throws IOException {
    Path target = Path.of("server", "target");
    Path jar;
    try (Stream<Path> files = Files.list(target)) {
      jar =
          files
              .filter(
                  p ->
                      p.getFileName().toString().matches("arrowtap-server-[^-]+(-SNAPSHOT)?\\.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("run mvn package first"));
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            javaBin,
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Xmx" + heap,
            "-Xlog:gc:file=" + gcLog,
            "-cp",
            jar + File.pathSeparator + target.resolve("lib") + File.separator + "*",
            "dev.arrowtap.server.http.ServerMain",
            "--catalog",
            catalog.toString(),
            "--port",
            "0")
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  private static String awaitReady(Process server, Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.isAlive() && System.nanoTime() < deadline) {
      Matcher ready = READY.matcher(Files.readString(out));
      if (ready.find()) {
        return ready.group(1);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server did not start:\n" + Files.readString(out));
  }

  /** Asks the server for a full GC (jcmd) and returns the heap it left, from the GC log. */
  private static double fullGc(Process server, Path gcLog) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    int before = lines(gcLog).size();
    new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    for (int tries = 0; tries < 50; tries++) {
      List<String> lines = lines(gcLog);
      for (String line : lines.subList(Math.min(before, lines.size()), lines.size())) {
        Matcher gc = GC.matcher(line);
        if (line.contains("Pause Full") && gc.find()) {
          return Double.parseDouble(gc.group(2));
        }
      }
      Thread.sleep(100);
    }
    return Double.NaN;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /** The largest heap before and after a collection in the GC log lines from {@code from} on. */
  private static double[] serverHeap(List<String> lines, int from) {
    double peak = 0;
    double live = 0;
    for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
      Matcher gc = GC.matcher(line);
      if (gc.find()) {
        peak = Math.max(peak, Double.parseDouble(gc.group(1)));
        live = Math.max(live, Double.parseDouble(gc.group(2)));
      }
    }
    return new double[] {peak, live};
  }
}
