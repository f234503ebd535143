package dev.arrowtap.demo;

import com.sun.net.httpserver.HttpServer;
import dev.arrowtap.common.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A sample JSON API on loopback with deterministic data, the feed that the demo catalog reads. */
public final class DemoApi implements AutoCloseable {
  /** The bearer token of {@code /api/secure/users}. */
  public static final String TOKEN = DemoRoutes.TOKEN;

  // A few threads, because a feed scan may fetch pages of several tables at once.
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final DemoHandler handler;
  private final String baseUrl;

  private DemoApi(HttpServer server, ExecutorService executor, DemoHandler handler, String url) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
    this.baseUrl = url;
  }

  /**
   * Starts the API on {@code bind} (normally {@code 127.0.0.1}) and {@code port} (0 for a free
   * one).
   */
  public static DemoApi start(String bind, int port) {
    // Small answers would otherwise wait for the client's delayed ACK (Nagle): ~40 ms each, which
    // per-id lookups make thousands of.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + ":" + port, e);
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    String baseUrl = "http://" + host + ":" + server.getAddress().getPort();
    DemoHandler handler = new DemoHandler(DemoRoutes.of(DemoData.generate()), baseUrl);
    server.createContext("/", handler);
    ExecutorService executor =
        Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered("arrowtap-demo-"));
    server.setExecutor(executor);
    server.start();
    return new DemoApi(server, executor, handler, baseUrl);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** How many requests the API has answered, errors included. */
  public int requestCount() {
    return handler.requestCount();
  }

  /** How many requests for exactly this path (such as {@code /api/logs}) the API has answered. */
  public long requestCount(String path) {
    return handler.requestCount(path);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
