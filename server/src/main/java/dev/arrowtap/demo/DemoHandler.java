package dev.arrowtap.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.arrowtap.demo.DemoRequest.BadParameterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Turns HTTP exchanges into endpoint calls: routing, method check, errors as JSON, and gzip when
 * the client accepts it.
 */
final class DemoHandler implements HttpHandler {
  private final DemoRoutes routes;
  private final String baseUrl;
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();

  DemoHandler(DemoRoutes routes, String baseUrl) {
    this.routes = routes;
    this.baseUrl = baseUrl;
  }

  int requestCount() {
    return requests.get();
  }

  long requestCount(String path) {
    AtomicLong count = requestsByPath.get(path);
    return count == null ? 0 : count.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    requestsByPath
        .computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicLong())
        .incrementAndGet();
    try (exchange) {
      send(exchange, answer(exchange));
    }
  }

  private DemoResponse answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    DemoEndpoint endpoint = routes.find(path).orElse(null);
    if (endpoint == null) {
      return DemoResponse.error(404, "not_found", "no endpoint at " + path);
    }
    if (!"GET".equals(exchange.getRequestMethod())) {
      return DemoResponse.error(
              405, "method_not_allowed", exchange.getRequestMethod() + " " + path + ": only GET")
          .withHeader("Allow", "GET");
    }
    try {
      return endpoint.answer(DemoRequest.of(exchange, baseUrl));
    } catch (BadParameterException e) {
      return DemoResponse.error(400, "bad_request", e.getMessage());
    } catch (RuntimeException e) {
      // A bug in the demo still answers JSON, so that the client's error shows the cause.
      return DemoResponse.error(500, "internal_error", String.valueOf(e));
    }
  }

  private static void send(HttpExchange exchange, DemoResponse response) throws IOException {
    byte[] body = response.body();
    if (acceptsGzip(exchange)) {
      body = gzip(body);
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    // -1 says "no body" to HttpServer; an empty NDJSON page is a zero-length body, sent as such.
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 32);
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(body);
    }
    return compressed.toByteArray();
  }
}
