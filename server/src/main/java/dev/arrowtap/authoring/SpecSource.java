package dev.arrowtap.authoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An OpenAPI description read from a file or an http(s) URL, YAML or JSON (JSON is YAML).
 *
 * @param location the file or URL as given, for messages
 * @param url the URL it came from, to resolve a relative server URL; empty for a file
 */
record SpecSource(String location, JsonNode root, Optional<URI> url) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static SpecSource read(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI uri = URI.create(location);
      return new SpecSource(location, parse(location, fetch(uri)), Optional.of(uri));
    }
    try {
      String text = Files.readString(Path.of(location), StandardCharsets.UTF_8);
      return new SpecSource(location, parse(location, text), Optional.empty());
    } catch (IOException e) {
      throw new AuthoringException(
          "cannot read " + location + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
          e);
    }
  }

  private static String fetch(URI uri) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/yaml, application/json;q=0.9, */*;q=0.5")
            .build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new AuthoringException(uri + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new AuthoringException(
          "cannot fetch " + uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthoringException("interrupted while fetching " + uri, e);
    }
  }

  private static JsonNode parse(String location, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new AuthoringException(
          location + " line " + line + ": not valid YAML or JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new AuthoringException(location + ": expected an OpenAPI description (a map)");
    }
    String version = root.path("openapi").asText("");
    if (!version.startsWith("3.")) {
      String swagger = root.path("swagger").asText("");
      throw new AuthoringException(
          location
              + ": expected OpenAPI 3.0 or 3.1 ('openapi: 3.x' at the top), got "
              + (swagger.isEmpty()
                  ? "'" + (version.isEmpty() ? "no version" : version) + "'"
                  : "Swagger " + swagger + " (convert it to OpenAPI 3 first)"));
    }
    return root;
  }
}
