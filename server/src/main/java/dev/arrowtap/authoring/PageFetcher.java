package dev.arrowtap.authoring;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The draft's HTTP side: one GET with the user's headers, a body read up to a bound. */
final class PageFetcher {
  /** More than this in one page is not needed to draft a table, and would only cost memory. */
  static final int MAX_BODY = 32 << 20;

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(30))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final Map<String, String> headers;
  private int requests;

  PageFetcher(Map<String, String> headers) {
    this.headers = Map.copyOf(headers);
  }

  /** One page as fetched; its body array is read, never compared or changed. */
  @SuppressWarnings("ArrayRecordComponent")
  record Page(URI uri, int status, String contentType, Optional<String> link, byte[] body) {}

  Page get(URI uri) {
    requests++;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json, application/x-ndjson;q=0.9, */*;q=0.5");
    headers.forEach(request::setHeader);
    try {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        throw new AuthoringException(
            uri + ": the page is larger than " + (MAX_BODY >> 20) + " MB; ask for a smaller page");
      }
      return new Page(
          uri,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Link"),
          body);
    } catch (IOException e) {
      throw new AuthoringException(
          "cannot fetch " + uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthoringException("interrupted while fetching " + uri, e);
    }
  }

  int requests() {
    return requests;
  }
}
