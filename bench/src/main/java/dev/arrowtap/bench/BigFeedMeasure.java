package dev.arrowtap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measure 5: a feed far larger than the server's heap, aggregated through a server started with
 * {@code -Xmx128m} in its own process: the peak resident memory of that process and the peak Arrow
 * memory of its task show that memory is bounded by batches, not by the feed.
 */
final class BigFeedMeasure implements Measure {
  static final String HEAP = "-Xmx128m";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String title() {
    return "A large feed through a server with " + HEAP + ": peak memory";
  }

  @Override
  public String id() {
    return "bigfeed";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    try (BigFeed feed = new BigFeed(mode.bigFeedBytes())) {
      Path catalog =
          Files.writeString(
              context.dir().resolve("bigfeed.yaml"),
              "schemas:\n  - name: b\n    tables:\n      - name: big\n        url: "
                  + feed.url()
                  + "\n        records: {format: ndjson}\n"
                  + Catalogs.EVENT_COLUMNS
                  + "      - name: warm\n        url: "
                  + feed.url(2)
                  + "\n        records: {format: ndjson}\n"
                  + Catalogs.EVENT_COLUMNS);
      Process server = startServer(catalog, context.dir().resolve("bigfeed-server.log"));
      try {
        String url = awaitUrl(server);
        String sql = "SELECT count(*), sum(user_id), max(score) FROM b.big";
        long peakArrow;
        long count;
        long users;
        try (Connection connection = DriverManager.getConnection("jdbc:arrowtap:url=" + url);
            Statement statement = connection.createStatement()) {
          // A cold JVM plans its first query slowly: warm it on a small body of the same rows.
          try (ResultSet rs = statement.executeQuery(sql.replace("b.big", "b.warm"))) {
            rs.next();
          }
          long idleRss = status(server.pid(), "VmRSS");
          long start = System.nanoTime();
          try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            count = rs.getLong(1);
            users = rs.getLong(2);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          context.log(String.format(Locale.ROOT, "  %.1f s for %,d rows", seconds, count));
          try (ResultSet rs =
              statement.executeQuery("SELECT max(peak_memory_bytes) FROM sys.task_metrics")) {
            rs.next();
            peakArrow = rs.getLong(1);
          }
          long peakRss = status(server.pid(), "VmHWM");
          if (count != feed.rows() || users != feed.userIdSum()) {
            throw new IllegalStateException(
                "the server counted " + count + " rows, the feed sent " + feed.rows());
          }
          return findings(mode, feed, seconds, idleRss, peakRss, peakArrow);
        }
      } finally {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static Findings findings(
      Mode mode, BigFeed feed, double seconds, long idleRss, long peakRss, long peakArrow) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("feed size", TimingTable.bytes(feed.bytes())));
    rows.add(List.of("rows", TimingTable.fixed((double) feed.rows(), 0)));
    rows.add(
        List.of(
            "time, rate",
            TimingTable.seconds(seconds)
                + ", "
                + TimingTable.fixed(feed.bytes() / seconds / 1e6, 0)
                + " MB/s, "
                + TimingTable.perSecond(feed.rows() / seconds)
                + " rows/s"));
    rows.add(
        List.of("server RSS before the query (after a warm-up query)", TimingTable.bytes(idleRss)));
    rows.add(List.of("server peak RSS (VmHWM)", TimingTable.bytes(peakRss)));
    rows.add(List.of("peak Arrow memory of the task", TimingTable.bytes(peakArrow)));
    rows.add(
        List.of("feed size / peak RSS", TimingTable.fixed(feed.bytes() / (double) peakRss, 1)));
    String method =
        String.format(
            Locale.ROOT,
            "An NDJSON feed of %s (%s rows of 8 columns, made while it is sent) served on"
                + " loopback, aggregated (`SELECT count(*), sum(user_id), max(score)`) through"
                + " arrowtap's remote driver by `arrowtap server` started in its own JVM with `%s`"
                + " (and `--add-opens` for Arrow). Peak RSS is the process's `VmHWM` from"
                + " `/proc/<pid>/status` after the query (its high-water mark over the process's"
                + " life, warm-up included); peak Arrow memory is the largest task's"
                + " `sys.task_metrics.peak_memory_bytes`. One run (%s mode); the count and the sum"
                + " are checked against what the feed sent.",
            TimingTable.bytes(feed.bytes()),
            TimingTable.fixed((double) feed.rows(), 0),
            HEAP,
            mode.name());
    return new Findings(
        method,
        List.of("figure", "value"),
        rows,
        List.of(
            new Ratio(
                "feed size ("
                    + TimingTable.bytes(feed.bytes())
                    + ") / server peak RSS ("
                    + TimingTable.bytes(peakRss)
                    + ")",
                feed.bytes() / (double) peakRss,
                Double.NaN,
                Double.NaN,
                "memory bounded by batches, not feed size",
                false)),
        List.of(
            "Memory does not grow with the feed: the peak RSS is the JVM's own footprint plus a"
                + " few batches, whatever the feed's size."));
  }

  private static Process startServer(Path catalog, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            HEAP,
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.arrowtap.server.http.ServerMain",
            "--catalog",
            catalog.toString(),
            "--port",
            "0");
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  private static String awaitUrl(Process server) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new IOException("the server ended before it listened (exit " + server.exitValue() + ")");
  }

  /** A size from {@code /proc/<pid>/status}, such as VmRSS or VmHWM (peak RSS), in bytes. */
  private static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        String kb = line.substring(field.length() + 1).trim().replace(" kB", "");
        return Long.parseLong(kb) * 1024;
      }
    }
    throw new IOException(field + " is not in /proc/" + pid + "/status (Linux only)");
  }
}
