package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow cursor API on loopback that can only be walked: {@code /events?since=&until=&cursor=}
 * answers, after {@code delay} ms, the next {@link PagedApi#PAGE_SIZE} events of {@code [since,
 * until)} and a {@code next_cursor} while more are left. Its events are spread evenly over {@link
 * #DAYS} days from {@link #START}.
 */
final class EventsApi implements AutoCloseable {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final int DAYS = 30;

  private final HttpServer http;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger requests = new AtomicInteger();
  private final long events;
  private final long spacingMillis;

  EventsApi(long events, int delayMillis) throws IOException {
    this.events = events;
    this.spacingMillis = Duration.ofDays(DAYS).toMillis() / events;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(threads);
    http.createContext(
        "/events",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes = page(query(exchange.getRequestURI().getRawQuery()));
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    http.start();
  }

  /** The first event at or after {@code at}. */
  private long firstFrom(String at) {
    if (at == null) {
      return 0;
    }
    long millis = Instant.parse(at).toEpochMilli() - START.toEpochMilli();
    return Math.max(0, Math.min(events, Math.floorDiv(millis + spacingMillis - 1, spacingMillis)));
  }

  private byte[] page(Map<String, String> query) {
    long first = firstFrom(query.get("since"));
    long end = query.containsKey("until") ? firstFrom(query.get("until")) : events;
    long from = first + Long.parseLong(query.getOrDefault("cursor", "0"));
    long to = Math.min(end, from + PagedApi.PAGE_SIZE);
    StringBuilder body = new StringBuilder("{\"data\":[");
    for (long id = from; id < to; id++) {
      body.append(id == from ? "" : ",")
          .append("{\"id\":")
          .append(id)
          .append(",\"at\":\"")
          .append(START.plusMillis(id * spacingMillis))
          .append("\"}");
    }
    body.append(']');
    if (to < end) {
      body.append(",\"next_cursor\":\"").append(to - first).append('"');
    }
    return body.append('}').toString().getBytes(StandardCharsets.UTF_8);
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

  /** Requests answered so far. */
  int requests() {
    return requests.get();
  }

  /** The table {@code e.by_day}: the walk cut into one window a day over both workers. */
  String table(int concurrency) {
    return "  - name: e\n    tables:\n      - name: by_day\n        concurrency: "
        + concurrency
        + "\n        url: http://127.0.0.1:"
        + http.getAddress().getPort()
        + "/events\n        records: {pointer: /data}\n"
        + "        columns: [{name: id, type: BIGINT}, {name: at, type: TIMESTAMP}]\n"
        + "        pagination: {style: cursor, cursor_param: cursor, cursor_pointer: /next_cursor}\n"
        + "        filters:\n"
        + "          - {column: at, op: '>=', param: since, format: iso_datetime, exact: true}\n"
        + "          - {column: at, op: '<', param: until, format: iso_datetime, exact: true}\n"
        + "        split: {column: at, step: 1d, from: '"
        + START
        + "', to: '"
        + START.plus(Duration.ofDays(DAYS))
        + "'}\n";
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
