package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.BufferedOutputStream;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a feed query's time goes: the same NDJSON body decoded alone (the baseline), then read as a
 * feed table over loopback HTTP through the driver, aggregated and fully fetched, in one process so
 * the ratios are comparable. Run with {@code bench/feed.sh}; not a test.
 */
public final class FeedBenchmark {
  private static final String[] NAMES = {"olivia", "liam", "emma", "noah", "ava", "lucas", "mia"};
  private static final String[] CATEGORIES = {"books", "toys", "garden", "food", "sports", "music"};
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnType.BIGINT, true),
          new Column("user_id", ColumnType.BIGINT, true),
          new Column("name", ColumnType.VARCHAR, true),
          new Column("email", ColumnType.VARCHAR, true),
          new Column("score", ColumnType.DOUBLE, true),
          new Column("active", ColumnType.BOOLEAN, true),
          new Column("created_at", ColumnType.TIMESTAMP, true),
          new Column("category", ColumnType.VARCHAR, true));
  private static final String AGGREGATE =
      "SELECT count(*), sum(id), sum(user_id), sum(char_length(name)), sum(char_length(email)), sum(score),"
          + " sum(CASE WHEN active THEN 1 ELSE 0 END), max(created_at), count(DISTINCT category) FROM b.events";

  private FeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("arrowtap-feed-bench");
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
    StringBuilder columns = new StringBuilder();
    for (Column column : COLUMNS) {
      columns
          .append("          - {name: ")
          .append(column.name())
          .append(", type: ")
          .append(column.type())
          .append("}\n");
    }
    Files.writeString(
        catalog,
        "schemas:\n  - name: b\n    tables:\n      - name: events\n        url: http://127.0.0.1:"
            + http.getAddress().getPort()
            + "/rows\n        records: {format: ndjson}\n        columns:\n"
            + columns);
    String url = "jdbc:arrowtap:catalog=" + catalog;
    try {
      double mb = Files.size(body) / 1e6;
      System.out.printf(
          "%,d rows, %.1f MB of NDJSON, %.0f bytes a row%n",
          rows, mb, Files.size(body) / (double) rows);
      for (int i = 0; i < 2; i++) {
        decode(body);
        query(url, AGGREGATE);
      }
      double baseline = best(() -> decode(body), rows);
      double aggregate = best(() -> query(url, AGGREGATE), rows);
      double fetchAll = best(() -> query(url, "SELECT * FROM b.events"), rows);
      System.out.printf("%-58s %12s %8s%n", "path", "rows/s", "ratio");
      System.out.printf(
          "%-58s %,12.0f %8.2f%n", "decode the file alone (JsonBatchDecoder)", baseline, 1.0);
      System.out.printf(
          "%-58s %,12.0f %8.2f%n",
          "feed over HTTP + SQL aggregate of all 8 columns (embedded)",
          aggregate,
          aggregate / baseline);
      System.out.printf(
          "%-58s %,12.0f %8.2f%n",
          "feed over HTTP, SELECT * with every value read (embedded)",
          fetchAll,
          fetchAll / baseline);
    } finally {
      http.stop(0);
      Files.deleteIfExists(body);
      Files.deleteIfExists(catalog);
      Files.deleteIfExists(dir);
    }
  }

  /** Work that takes one pass over the rows. */
  private interface Pass {
    void run() throws Exception;
  }

  private static double best(Pass pass, int rows) throws Exception {
    double best = 0;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      pass.run();
      best = Math.max(best, rows / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  private static void decode(Path body) throws Exception {
    List<ColumnBinding> bindings = new ArrayList<>();
    for (Column column : COLUMNS) {
      bindings.add(ColumnBinding.of(column));
    }
    long rows = 0;
    try (BufferAllocator allocator = new RootAllocator();
        InputStream in = Files.newInputStream(body);
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                in,
                null,
                new RecordLayout(RecordLayout.Format.NDJSON, ""),
                bindings,
                Set.of(),
                allocator,
                8192)) {
      VectorSchemaRoot batch;
      while ((batch = decoder.next()) != null) {
        rows += batch.getRowCount();
      }
    }
    if (rows == 0) {
      throw new IllegalStateException("decoded nothing");
    }
  }

  private static void query(String url, String sql) throws Exception {
    long rows = 0;
    long checksum = 0;
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= n; i++) {
          Object value = rs.getObject(i);
          checksum += value == null ? 0 : value.hashCode();
        }
      }
    }
    if (rows == 0 || checksum == 42) {
      throw new IllegalStateException("no rows");
    }
  }

  private static void generate(Path file, int rows) throws Exception {
    Random random = new Random(42);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (int i = 0; i < rows; i++) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String line =
            "{\"id\":"
                + i
                + ",\"user_id\":"
                + random.nextInt(100_000)
                + ",\"name\":\""
                + name
                + " "
                + i
                + "\",\"email\":\""
                + name
                + i
                + "@example.com\",\"score\":"
                + (random.nextInt(100_000) / 100.0)
                + ",\"active\":"
                + random.nextBoolean()
                + ",\"created_at\":\"2024-0"
                + (1 + random.nextInt(9))
                + "-1"
                + random.nextInt(10)
                + "T12:34:56Z\",\"category\":\""
                + CATEGORIES[random.nextInt(CATEGORIES.length)]
                + "\"}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
