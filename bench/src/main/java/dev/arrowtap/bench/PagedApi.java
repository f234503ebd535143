package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow paged API on loopback: {@code /items?offset=N} answers a page of {@link #PAGE_SIZE} items
 * ({@code {"data": [...], "total": n}}) after {@code delay} ms, and counts the requests in flight.
 */
public final class PagedApi implements AutoCloseable {
  public static final int PAGE_SIZE = 100;

  private final HttpServer http;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final int pages;

  public PagedApi(int pages, int delayMillis) throws IOException {
    this.pages = pages;
    // As real API servers do; otherwise Nagle's algorithm holds each body back behind its headers
    // until the client's delayed ACK, about 40 ms a page.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    http.setExecutor(threads);
    http.createContext(
        "/items",
        exchange -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          String query = exchange.getRequestURI().getQuery();
          int offset = Integer.parseInt(query.replaceAll(".*offset=(\\d+).*", "$1"));
          byte[] bytes = page(offset);
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
  }

  private byte[] page(int offset) {
    StringBuilder body = new StringBuilder("{\"data\":[");
    for (int id = offset; id < Math.min(pages * PAGE_SIZE, offset + PAGE_SIZE); id++) {
      body.append(id == offset ? "" : ",")
          .append("{\"id\":")
          .append(id)
          .append(",\"name\":\"item ")
          .append(id)
          .append("\"}");
    }
    return body.append("],\"total\":")
        .append(pages * PAGE_SIZE)
        .append("}")
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The URL of the first page. */
  public String firstPage() {
    return url() + "?offset=0";
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/items";
  }

  /** The most requests in flight at once since the last {@link #resetMaxInFlight()}. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  public void resetMaxInFlight() {
    maxInFlight.set(0);
  }

  /**
   * A catalog with tables {@code b.sequential} (concurrency 1), {@code b.concurrent} (with a {@code
   * total_pointer}) and {@code b.no_total}, the latter two with {@code concurrency} pages at once.
   */
  public Path catalog(Path dir, int concurrency) throws IOException {
    String feed =
        "        url: "
            + url()
            + "\n        records: {pointer: /data}\n"
            + "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n"
            + "        pagination: {style: offset, page_size: "
            + PAGE_SIZE;
    return Files.writeString(
        dir.resolve("pages-" + http.getAddress().getPort() + ".yaml"),
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
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
