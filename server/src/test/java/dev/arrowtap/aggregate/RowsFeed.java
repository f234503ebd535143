package dev.arrowtap.aggregate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real HTTP feed on a loopback port whose records hold every type an aggregate can meet: NULLs,
 * negatives, BIGINTs near the 64-bit limits, text beyond the Basic Multilingual Plane, dates,
 * timestamps, DECIMALs. The records of part {@code p} are served at {@code /rows?part=p}, paged by
 * offset.
 */
final class RowsFeed implements AutoCloseable {
  static final int PARTS = 3;
  static final int ROWS_PER_PART = 700;
  static final int MANY = 200_000;
  static final String[] TEXTS = {"a", "ab", "b", "Ä", "\uE000x", "\uD83D\uDE00", "", "zz"};

  private final HttpServer server;
  private final Map<Integer, List<Map<String, Object>>> parts = new HashMap<>();

  private RowsFeed() throws IOException {
    Random random = new Random(7);
    for (int part = 0; part < PARTS; part++) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < ROWS_PER_PART; i++) {
        rows.add(row(part * 1000 + i, random));
      }
      parts.put(part, rows);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/rows",
        exchange -> {
          Map<String, String> query = new HashMap<>();
          for (String pair : exchange.getRequestURI().getRawQuery().split("&", -1)) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), pair.substring(equals + 1));
          }
          List<Map<String, Object>> rows =
              parts.getOrDefault(Integer.parseInt(query.get("part")), List.of());
          int offset = Integer.parseInt(query.get("offset"));
          int limit = Integer.parseInt(query.get("limit"));
          StringBuilder body = new StringBuilder("{\"data\":[");
          for (int i = offset; i < Math.min(rows.size(), offset + limit); i++) {
            body.append(i > offset ? "," : "").append(json(rows.get(i)));
          }
          body.append("],\"total\":").append(rows.size()).append('}');
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    // MANY records, each with its own text key: a grouping that outgrows a small memory limit.
    server.createContext(
        "/many",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          int offset = Integer.parseInt(query.replaceAll(".*offset=(\\d+).*", "$1"));
          int limit = Integer.parseInt(query.replaceAll(".*limit=(\\d+).*", "$1"));
          StringBuilder body = new StringBuilder("{\"data\":[");
          for (int i = offset; i < Math.min(MANY, offset + limit); i++) {
            body.append(i > offset ? "," : "").append("{\"k\":\"key-").append(i).append("\"}");
          }
          body.append("],\"total\":").append(MANY).append('}');
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  static RowsFeed start() {
    try {
      return new RowsFeed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> row(long id, Random random) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", id);
    row.put("cat", random.nextInt(8) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)]);
    row.put("flag", random.nextInt(5) == 0 ? null : random.nextBoolean());
    long near = random.nextInt(1000);
    row.put(
        "big",
        switch (random.nextInt(4)) {
          case 0 -> Long.MAX_VALUE - near;
          case 1 -> Long.MIN_VALUE + near;
          case 2 -> null;
          default -> near - 500;
        });
    row.put("score", random.nextInt(6) == 0 ? null : (random.nextInt(800) - 400) / 4.0);
    row.put("small", random.nextInt(6) == 0 ? null : (long) random.nextInt(5));
    row.put(
        "price",
        random.nextInt(7) == 0 ? null : BigDecimal.valueOf(random.nextInt(20000) - 5000, 2));
    row.put(
        "born",
        random.nextInt(9) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(40)));
    row.put(
        "ts",
        random.nextInt(9) == 0
            ? null
            : Instant.parse("2024-01-01T00:00:00Z").plusMillis(random.nextInt(20) * 3_600_017L));
    return row;
  }

  private static String json(Map<String, Object> row) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> entry : row.entrySet()) {
      out.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":");
      first = false;
      Object value = entry.getValue();
      if (value == null || value instanceof Number || value instanceof Boolean) {
        out.append(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
      } else {
        out.append('"').append(value).append('"');
      }
    }
    return out.append('}').toString();
  }

  /** Every record of the given parts. */
  List<Map<String, Object>> rows(int... partNumbers) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int part : partNumbers) {
      out.addAll(parts.get(part));
    }
    return out;
  }

  /** A catalog with the feed as table {@code t.recs}, parameter {@code part} defaulting to 0. */
  Path catalog(Path dir) throws IOException {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(
        file,
        "schemas:\n  - name: t\n    tables:\n      - name: recs\n"
            + "        url: http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/rows\n"
            + "        records: {pointer: /data}\n"
            + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
            + "        parameters: [{name: part, type: BIGINT, default: '0'}]\n"
            + "        columns:\n"
            + "          - {name: id, type: BIGINT}\n"
            + "          - {name: cat, type: VARCHAR}\n"
            + "          - {name: flag, type: BOOLEAN}\n"
            + "          - {name: big, type: BIGINT}\n"
            + "          - {name: score, type: DOUBLE}\n"
            + "          - {name: small, type: BIGINT}\n"
            + "          - {name: price, type: 'DECIMAL(10, 2)'}\n"
            + "          - {name: born, type: DATE}\n"
            + "          - {name: ts, type: TIMESTAMP}\n"
            + "      - name: many\n"
            + "        url: http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/many\n"
            + "        records: {pointer: /data}\n"
            + "        pagination: {style: offset, page_size: 20000, total_pointer: /total}\n"
            + "        columns: [{name: k, type: VARCHAR}]\n");
    return file;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
