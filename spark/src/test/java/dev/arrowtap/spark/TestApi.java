package dev.arrowtap.spark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small JSON API on a loopback port for the cases the demo API lacks, and the catalog that reads
 * it (schema {@code shop}):
 *
 * <ul>
 *   <li>{@code /users/{id}/orders}: three orders of user id (a required path parameter), after 100
 *       ms;
 *   <li>{@code /items?color=&offset=&limit=}: 35 items of each color, pages of 10;
 *   <li>{@code /flaky?offset=&limit=}: a first page, then HTTP 500;
 *   <li>{@code /busy}: 429 with {@code Retry-After: 0} on every other call, then 5 records;
 *   <li>{@code /secure}: 3 records for {@code Authorization: Bearer <token>}, else 401;
 *   <li>{@code /keyed?api_key=<token>}: 503 (maintenance), else 401.
 *   <li>{@code /echoing}: 403 with the request's query (the key) in the body.
 *   <li>{@code /ledger}: {@link #LEDGER_ROWS} records of every scalar kind, some with nulls (see
 *       {@link #ledger(int)}).
 * </ul>
 */
final class TestApi implements AutoCloseable {
  static final String TOKEN = "s3cr3t-t0ken-4-spark";
  static final int LEDGER_ROWS = 57;
  private static final Pattern USER_ORDERS = Pattern.compile("/users/(-?\\d+)/orders");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<String, Long>> arrivals = new CopyOnWriteArrayList<>();
  private final AtomicInteger busyCalls = new AtomicInteger();
  private final AtomicInteger ordersInFlight = new AtomicInteger();
  private final AtomicInteger ordersMaxInFlight = new AtomicInteger();
  final Path catalog;

  private TestApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
    Path directory = Files.createTempDirectory("arrowtap-spark-api");
    Files.writeString(directory.resolve("token.txt"), TOKEN);
    catalog = directory.resolve("shop.yaml");
    Files.writeString(catalog, catalogText());
  }

  static TestApi start() {
    try {
      return new TestApi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The requests so far whose path starts with {@code prefix}, as path?query. */
  List<String> requests(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).toList();
  }

  /** When each request to {@code path} arrived, in nanoseconds, in order. */
  List<Long> arrivals(String path) {
    return arrivals.stream()
        .filter(e -> e.getKey().equals(path))
        .map(Map.Entry::getValue)
        .sorted()
        .toList();
  }

  void clearRequests() {
    arrivals.clear();
    requests.clear();
    ordersMaxInFlight.set(0);
  }

  /** The most {@code /users/{id}/orders} requests served at once since the last clear. */
  int ordersMaxInFlight() {
    return ordersMaxInFlight.get();
  }

  private String catalogText() {
    String base = base();
    return """
        version: 1
        schemas:
          - name: shop
            tables:
              - name: user_orders
                url: BASE/users/{user_id}/orders
                parameters: [{ name: user_id, type: BIGINT }]
                records: { pointer: /orders }
                columns:
                  - { name: id, type: BIGINT }
                  - { name: amount, type: DOUBLE }
              - name: items
                url: BASE/items
                parameters: [{ name: color, default: red }]
                records: { pointer: /data }
                pagination: { style: offset, page_size: 10 }
                columns:
                  - { name: n, type: BIGINT }
                  - { name: label, type: VARCHAR }
              - name: flaky
                url: BASE/flaky
                records: { pointer: /data }
                pagination: { style: offset, page_size: 10 }
                retry: { attempts: 2, initial_delay_ms: 1, max_delay_ms: 5 }
                columns:
                  - { name: n, type: BIGINT }
              - name: busy
                url: BASE/busy
                records: { pointer: /data }
                retry: { attempts: 3, initial_delay_ms: 1, max_delay_ms: 5 }
                columns:
                  - { name: n, type: BIGINT }
              - name: secure
                url: BASE/secure
                auth: { type: bearer, token: "${file:token.txt}" }
                records: { pointer: /data }
                columns:
                  - { name: n, type: BIGINT }
              - name: pages
                url: BASE/pages
                records: { pointer: /data }
                pagination: { style: offset, page_size: 10, total_pointer: /total }
                split: { pages_per_task: 1 }
                filters:
                  - { column: n, op: '>=', param: min_n, exact: true }
                  - { column: n, op: '<', param: max_n, exact: true }
                columns:
                  - { name: n, type: BIGINT }
              - name: rated
                url: BASE/rated
                records: { pointer: /data }
                pagination: { style: offset, page_size: 10, total_pointer: /total }
                split: { pages_per_task: 1 }
                rate_limit: { requests_per_second: 20, burst: 4 }
                columns:
                  - { name: n, type: BIGINT }
              - name: keyed
                url: BASE/keyed
                auth: { type: api_key, name: api_key, value: "${file:token.txt}", in: query }
                retry: { attempts: 1 }
                records: { pointer: /data }
                columns:
                  - { name: n, type: BIGINT }
              - name: ledger
                url: BASE/ledger
                records: { pointer: /data }
                columns:
                  - { name: id, type: BIGINT }
                  - { name: amount, type: DOUBLE }
                  - { name: price, type: 'DECIMAL(10, 2)' }
                  - { name: memo, type: VARCHAR }
                  - { name: booked_at, type: TIMESTAMP }
              - name: echoing
                url: BASE/echoing
                auth: { type: api_key, name: api_key, value: "${file:token.txt}", in: query }
                retry: { attempts: 1 }
                records: { pointer: /data }
                columns:
                  - { name: n, type: BIGINT }
        """
        .replace("BASE", base);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String raw = exchange.getRequestURI().getRawQuery();
    arrivals.add(Map.entry(path, System.nanoTime()));
    requests.add(raw == null ? path : path + "?" + raw);
    Map<String, String> query = query(raw);
    Matcher user = USER_ORDERS.matcher(path);
    if (user.matches()) {
      ordersMaxInFlight.accumulateAndGet(ordersInFlight.incrementAndGet(), Math::max);
      try {
        // Slow enough that two tasks allowed to run at once would overlap here.
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ordersInFlight.decrementAndGet();
      }
      long id = Long.parseLong(user.group(1));
      List<String> orders = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        orders.add("{\"id\":" + (id * 10 + k) + ",\"amount\":" + (id + k * 0.5) + "}");
      }
      reply(exchange, 200, "{\"orders\":[" + String.join(",", orders) + "]}");
    } else if (path.equals("/items")) {
      String color = query.getOrDefault("color", "none");
      reply(
          exchange,
          200,
          page(query, 35, n -> "{\"n\":" + n + ",\"label\":\"" + color + " " + n + "\"}"));
    } else if (path.equals("/rated")) {
      String body = page(query, 200, n -> "{\"n\":" + n + "}");
      reply(exchange, 200, "{\"total\":200," + body.substring(1));
    } else if (path.equals("/pages")) {
      // 0 to 199, or those from min_n (inclusive) to max_n (exclusive), with their count as total.
      long from = Math.max(0, Long.parseLong(query.getOrDefault("min_n", "0")));
      long to = Math.min(200, Long.parseLong(query.getOrDefault("max_n", "200")));
      long total = Math.max(0, to - from);
      String body = page(query, total, n -> "{\"n\":" + (from + n) + "}");
      reply(exchange, 200, "{\"total\":" + total + "," + body.substring(1));
    } else if (path.equals("/flaky")) {
      if (Long.parseLong(query.getOrDefault("offset", "0")) > 0) {
        reply(exchange, 500, "{\"error\":\"database on fire\"}");
      } else {
        reply(exchange, 200, page(query, 100, n -> "{\"n\":" + n + "}"));
      }
    } else if (path.equals("/busy")) {
      if (busyCalls.incrementAndGet() % 2 == 1) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        reply(exchange, 429, "{\"error\":\"slow down\"}");
      } else {
        reply(exchange, 200, "{\"data\":[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]}");
      }
    } else if (path.equals("/secure")) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (("Bearer " + TOKEN).equals(auth)) {
        reply(exchange, 200, "{\"data\":[{\"n\":1},{\"n\":2},{\"n\":3}]}");
      } else {
        reply(exchange, 401, "{\"error\":\"who are you\"}");
      }
    } else if (path.equals("/keyed")) {
      boolean known = TOKEN.equals(query.get("api_key"));
      reply(exchange, known ? 503 : 401, "{\"error\":\"" + (known ? "maintenance" : "who") + "\"}");
    } else if (path.equals("/ledger")) {
      List<String> records = new ArrayList<>();
      for (int i = 0; i < LEDGER_ROWS; i++) {
        records.add(ledger(i).json());
      }
      reply(exchange, 200, "{\"data\":[" + String.join(",", records) + "]}");
    } else if (path.equals("/echoing")) {
      // As careless APIs do: the refused request's query, key included, in the body.
      reply(exchange, 403, "{\"error\":\"forbidden\",\"query\":\"" + raw + "\"}");
    } else {
      reply(exchange, 404, "{\"error\":\"no route\"}");
    }
  }

  /**
   * Record {@code i} of {@code /ledger}: every seventh has no amount, every fifth no memo, every
   * eleventh no time; amounts and prices have fractions, memos quotes and non-ASCII letters.
   */
  static LedgerRecord ledger(int i) {
    return new LedgerRecord(
        i + 1L,
        i % 7 == 3 ? null : i * 1.25 - 20,
        new java.math.BigDecimal(i * 101 + 5).movePointLeft(2),
        i % 5 == 2 ? null : "memo \"" + i + "\" caf\u00e9",
        i % 11 == 4
            ? null
            : java.time.LocalDateTime.of(2024, 3, 1, 0, 0)
                .plusMinutes(i * 97L)
                .plusNanos(i * 1_000_000L));
  }

  private static final java.time.format.DateTimeFormatter ISO_MILLIS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  /** One record of {@code /ledger}, as Java values ({@code null} where the record has null). */
  record LedgerRecord(
      long id,
      Double amount,
      java.math.BigDecimal price,
      String memo,
      java.time.LocalDateTime bookedAt) {
    String json() {
      return "{\"id\":"
          + id
          + ",\"amount\":"
          + amount
          + ",\"price\":"
          + price.toPlainString()
          + ",\"memo\":"
          + (memo == null ? "null" : "\"" + memo.replace("\"", "\\\"") + "\"")
          + ",\"booked_at\":"
          + (bookedAt == null ? "null" : "\"" + bookedAt.format(ISO_MILLIS) + "\"")
          + "}";
    }
  }

  private static String page(
      Map<String, String> query, long total, java.util.function.LongFunction<String> record) {
    long offset = Long.parseLong(query.getOrDefault("offset", "0"));
    long limit = Long.parseLong(query.getOrDefault("limit", "10"));
    String records =
        java.util.stream.LongStream.range(offset, Math.min(total, offset + limit))
            .mapToObj(record)
            .collect(Collectors.joining(","));
    return "{\"data\":[" + records + "]}";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
