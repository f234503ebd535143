package dev.arrowtap.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port whose one feed never ends: NDJSON records, a few at a time,
 * forever. It counts the requests that are still being answered, so a test can see when a client
 * stopped reading.
 */
final class SlowFeed implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  SlowFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/slow", this::answer);
    server.createContext("/stall", this::stall);
    server.createContext("/page", this::page);
    server.createContext("/wide", this::wide);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
  }

  /** A feed that sends its headers, then nothing for a minute. */
  String stallUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/stall";
  }

  /** A small finite page of three records. */
  String pageUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
  }

  /** Records of 4 kB each. */
  String wideUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/wide";
  }

  /** Requests whose answer is still being written. */
  int inFlight() {
    return inFlight.get();
  }

  int requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    try {
      exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (long id = 0; ; id++) {
          // The write fails soon after the client closed its connection.
          out.write(
              ("{\"id\":" + id + ",\"name\":\"row " + id + "\"}\n")
                  .getBytes(StandardCharsets.UTF_8));
          if (id % 200 == 199) {
            out.flush();
            Thread.sleep(5);
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away: that is how this answer ends.
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private void stall(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    inFlight.incrementAndGet();
    try {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      exchange.getResponseBody().flush();
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
  }

  private void page(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] body =
        "[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":\"b\"},{\"id\":3,\"name\":\"c\"}]"
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void wide(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String text = "x".repeat(4096);
    byte[] body =
        ("[{\"id\":1,\"text\":\"" + text + "\"},{\"id\":2,\"text\":\"" + text + "\"}]")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
