package dev.arrowtap.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large NDJSON feed on loopback, made while it is sent (never held in memory): one block of rows
 * repeated until the body reaches its size, so its totals are known without reading it back.
 */
final class BigFeed implements AutoCloseable {
  private static final int BLOCK_ROWS = 10_000;

  private final HttpServer http;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final byte[] block;
  private final long blocks;
  private final long blockUserIds;
  private final AtomicLong sent = new AtomicLong();

  BigFeed(long bytes) throws IOException {
    StringBuilder rows = new StringBuilder();
    long users = 0;
    for (int i = 0; i < BLOCK_ROWS; i++) {
      int user = (i * 7919) % 10_000;
      users += user;
      rows.append("{\"id\":")
          .append(i)
          .append(",\"user_id\":")
          .append(user)
          .append(",\"name\":\"Name ")
          .append(i)
          .append("\",\"email\":\"user")
          .append(i % 1000)
          .append("@mail.com\",\"score\":")
          .append(i % 1000 / 10.0)
          .append(",\"active\":")
          .append(i % 2 == 0)
          .append(",\"created_at\":\"2024-01-0")
          .append(1 + i % 9)
          .append("T12:34:56Z\",\"category\":\"c")
          .append(i % 8)
          .append("\"}\n");
    }
    this.block = rows.toString().getBytes(StandardCharsets.UTF_8);
    this.blocks = Math.max(1, bytes / block.length);
    this.blockUserIds = users;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.setExecutor(threads);
    http.createContext(
        "/big",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          // ?blocks=N sends fewer blocks: a small body to warm the server up with.
          String query = exchange.getRequestURI().getQuery();
          long count = query == null ? blocks : Long.parseLong(query.replace("blocks=", ""));
          exchange.sendResponseHeaders(200, count * block.length);
          try (OutputStream out = exchange.getResponseBody()) {
            for (long b = 0; b < count; b++) {
              out.write(block);
              sent.addAndGet(block.length);
            }
          }
        });
    http.start();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/big";
  }

  /** The same rows, {@code count} blocks of them. */
  String url(long count) {
    return url() + "?blocks=" + count;
  }

  long bytes() {
    return blocks * block.length;
  }

  long rows() {
    return blocks * BLOCK_ROWS;
  }

  long userIdSum() {
    return blocks * blockUserIds;
  }

  long bytesSent() {
    return sent.get();
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
