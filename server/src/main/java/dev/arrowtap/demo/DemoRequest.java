package dev.arrowtap.demo;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the demo API: its path, decoded query parameters and the headers endpoints read.
 *
 * @param path the request path, without the query
 * @param query the query parameters; the first value wins when a name repeats
 * @param authorization the {@code Authorization} header, if sent
 * @param baseUrl the API's own base URL, for absolute links
 */
record DemoRequest(
    String path, Map<String, String> query, Optional<String> authorization, String baseUrl) {
  DemoRequest {
    Objects.requireNonNull(path, "path is null");
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    Objects.requireNonNull(authorization, "authorization is null");
    Objects.requireNonNull(baseUrl, "baseUrl is null");
  }

  static DemoRequest of(HttpExchange exchange, String baseUrl) {
    return new DemoRequest(
        exchange.getRequestURI().getPath(),
        parseQuery(exchange.getRequestURI().getRawQuery()),
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
        baseUrl);
  }

  /**
   * The integer parameter {@code name}, or {@code fallback} when absent.
   *
   * @throws BadParameterException when it is not an integer from {@code min} to {@code max}
   */
  int intParam(String name, int fallback, int min, int max) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same message as an out-of-range number.
    }
    throw new BadParameterException(
        "query parameter '"
            + name
            + "' must be an integer from "
            + min
            + " to "
            + max
            + ", got '"
            + value
            + "'");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name)).filter(value -> !value.isEmpty());
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.putIfAbsent(decode(name), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadParameterException("malformed percent-encoding in the query: " + text);
    }
  }

  /** A query parameter the API cannot use; answered with 400 and a JSON error. */
  static final class BadParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadParameterException(String message) {
      super(message);
    }
  }
}
