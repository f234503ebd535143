package dev.arrowtap.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on a loopback port that serves test feeds, faults included, and counts
 * requests.
 */
final class FeedTestServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
  private final Map<String, Function<Request, Reply>> prefixRoutes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxInFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long delayMillis;

  /** One request as the server saw it. */
  record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, List<String>> headers,
      String body,
      long arrivedNanos) {
    String param(String name) {
      return query.get(name);
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** What to answer: status, headers, body, and faults (cut the body short, stall). */
  @SuppressWarnings("ArrayRecordComponent") // replies are sent, never compared
  record Reply(
      int status,
      Map<String, String> headers,
      byte[] body,
      boolean truncate,
      boolean stall,
      CountDownLatch pause) {
    Reply(int status, Map<String, String> headers, byte[] body, boolean truncate, boolean stall) {
      this(status, headers, body, truncate, stall, null);
    }

    /** Sends half the body, waits (at most 10 s) for the latch, then sends the rest. */
    Reply pausedUntil(CountDownLatch latch) {
      return new Reply(status, headers, body, truncate, stall, latch);
    }

    static Reply json(String body) {
      return new Reply(
          200,
          Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8),
          false,
          false);
    }

    static Reply ndjson(String body) {
      return new Reply(
          200,
          Map.of("Content-Type", "application/x-ndjson"),
          body.getBytes(StandardCharsets.UTF_8),
          false,
          false);
    }

    static Reply status(int status, String body) {
      return new Reply(
          status,
          Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8),
          false,
          false);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, all, body, truncate, stall);
    }

    /** Declares the full length but sends only half the body, then closes. */
    Reply truncated() {
      return new Reply(status, headers, body, true, false);
    }

    /** Sends headers, then nothing until the test ends. */
    Reply stalled() {
      return new Reply(status, headers, body, false, true);
    }
  }

  static {
    // Without it the JDK server's small responses wait for delayed ACKs (Nagle): ~40 ms each.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private FeedTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  static FeedTestServer start() {
    try {
      return new FeedTestServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  FeedTestServer route(String path, Function<Request, Reply> responder) {
    routes.put(path, responder);
    return this;
  }

  /** Answers every path that starts with {@code prefix} and has no route of its own. */
  FeedTestServer routePrefix(String prefix, Function<Request, Reply> responder) {
    prefixRoutes.put(prefix, responder);
    return this;
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every answer waits this long before its headers, as a slow API's would. */
  FeedTestServer delay(long millis) {
    delayMillis = millis;
    return this;
  }

  /** The most requests the server was handling at the same moment. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  /**
   * Waits (3 s at most) until no request is in flight or arrives for 150 ms, such as one a client
   * cancelled while the server still worked on it, then forgets the requests seen so far and the
   * high-water mark.
   */
  void reset() {
    awaitQuiet();
    requests.clear();
    maxInFlight.set(inFlight.get());
  }

  /**
   * Waits (3 s at most) until no request is in flight or arrives for 150 ms: after it, the request
   * log holds everything a scan that has ended sent, aborted requests included.
   */
  void awaitQuiet() {
    // Quiet means nothing in flight and nothing new for a while: a scan that has ended may still
    // have a speculative page past the feed's end on its way (aborted by the client, but already
    // being written), which must not count against the next scan.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    int seen = -1;
    while (System.nanoTime() < deadline && (inFlight.get() > 0 || requests.size() != seen)) {
      seen = requests.size();
      try {
        Thread.sleep(inFlight.get() > 0 ? 5 : 150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  long count(String path) {
    return requests.stream().filter(r -> r.path.equals(path)).count();
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path.equals(path)).toList();
  }

  /**
   * A request counts as in flight from its arrival until the server starts answering: the time an
   * API spends on it, which is what concurrency limits are about.
   */
  private void handle(HttpExchange exchange) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    Request request;
    try {
      request = read(exchange);
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } finally {
      inFlight.decrementAndGet();
    }
    respond(exchange, request);
  }

  private Request read(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            path,
            query(exchange.getRequestURI().getRawQuery()),
            Map.copyOf(exchange.getRequestHeaders()),
            body,
            System.nanoTime());
    requests.add(request);
    return request;
  }

  private void respond(HttpExchange exchange, Request request) throws IOException {
    String path = request.path();
    Function<Request, Reply> responder = routes.get(path);
    if (responder == null) {
      for (Map.Entry<String, Function<Request, Reply>> prefix : prefixRoutes.entrySet()) {
        if (path.startsWith(prefix.getKey())) {
          responder = prefix.getValue();
        }
      }
    }
    Reply reply =
        responder == null
            ? Reply.status(404, "{\"error\":\"no route\"}")
            : responder.apply(request);
    reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (reply.stall) {
        out.flush();
        released.await(30, TimeUnit.SECONDS);
        return;
      }
      if (reply.pause != null) {
        out.write(reply.body, 0, reply.body.length / 2);
        out.flush();
        reply.pause.await(10, TimeUnit.SECONDS);
        out.write(reply.body, reply.body.length / 2, reply.body.length - reply.body.length / 2);
        return;
      }
      if (reply.truncate) {
        out.write(reply.body, 0, reply.body.length / 2);
        out.flush();
        // Closing the exchange now leaves the declared length unmet: the client sees a cut-off
        // body.
        exchange.close();
        return;
      }
      out.write(reply.body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(name, value);
    }
    return out;
  }

  /** JSON objects {"id": from..to-1, ...} with a few typed fields. */
  static List<String> records(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(
          "{\"id\":"
              + id
              + ",\"name\":\"user "
              + id
              + "\",\"score\":"
              + (id * 1.5)
              + ",\"active\":"
              + (id % 2 == 0)
              + ",\"joined\":\"2024-01-"
              + String.format("%02d", 1 + id % 28)
              + "T10:00:00Z\",\"address\":{\"city\":\"c"
              + (id % 3)
              + "\"}}");
    }
    return out;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
