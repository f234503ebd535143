package dev.arrowtap.source.http;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One HTTP request for one page of a feed, ready to send. */
public record PageRequest(
    String method, URI uri, Map<String, String> headers, Optional<String> body) {
  public PageRequest {
    Objects.requireNonNull(method, "method is null");
    Objects.requireNonNull(uri, "uri is null");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body is null");
  }
}
