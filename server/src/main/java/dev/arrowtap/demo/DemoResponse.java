package dev.arrowtap.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the demo API: status, content type, body and extra headers.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body, uncompressed
 * @param headers further headers, such as {@code Link}
 */
@SuppressWarnings("ArrayRecordComponent") // bodies are sent, never compared
record DemoResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";
  static final String NDJSON = "application/x-ndjson; charset=utf-8";

  // Records' camelCase components become the snake_case field names JSON APIs usually have.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  DemoResponse {
    Objects.requireNonNull(contentType, "contentType is null");
    Objects.requireNonNull(body, "body is null");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  static DemoResponse json(Object value) {
    return new DemoResponse(200, JSON, write(value), Map.of());
  }

  /** One JSON record per line, each line ending in a newline. */
  static DemoResponse ndjson(List<?> records, Map<String, String> headers) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Object record : records) {
      body.writeBytes(write(record));
      body.write('\n');
    }
    return new DemoResponse(200, NDJSON, body.toByteArray(), headers);
  }

  /** {@code {"error": code, "message": message}}, the shape of every error the API answers. */
  static DemoResponse error(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    return new DemoResponse(status, JSON, write(body), Map.of());
  }

  DemoResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new DemoResponse(status, contentType, body, more);
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
