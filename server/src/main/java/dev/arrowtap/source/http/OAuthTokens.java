package dev.arrowtap.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arrowtap.catalog.AuthDef;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2 access tokens, one per client and scopes for the whole process: fetched once, shared by
 * every query, fetched again shortly before they expire or when the API answers 401. Tokens and
 * client secrets never appear in a message, a plan or a metric.
 */
final class OAuthTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
  private static final Map<String, Holder> TOKENS = new ConcurrentHashMap<>();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private OAuthTokens() {}

  /** The current token and when to stop using it (a margin before it expires). */
  private record Token(String value, long renewAtNanos, String refreshToken) {}

  /** Serialises fetches for one client, so that concurrent queries fetch a token once. */
  private static final class Holder {
    private Token token;
  }

  /** A token good for a while yet, fetched if there is none. */
  static String token(FeedDef feed, AuthDef.OAuth2 auth) {
    Holder holder = TOKENS.computeIfAbsent(key(auth), k -> new Holder());
    synchronized (holder) {
      if (holder.token == null || FeedTicker.read() - holder.token.renewAtNanos >= 0) {
        holder.token = fetch(feed, auth, holder.token);
      }
      return holder.token.value;
    }
  }

  /** The API refused {@code used}: the next {@link #token} fetches a new one (once for all). */
  static void refused(AuthDef.OAuth2 auth, String used) {
    Holder holder = TOKENS.computeIfAbsent(key(auth), k -> new Holder());
    synchronized (holder) {
      if (holder.token != null && holder.token.value.equals(used)) {
        holder.token = new Token(used, FeedTicker.read(), holder.token.refreshToken);
      }
    }
  }

  private static Token fetch(FeedDef feed, AuthDef.OAuth2 auth, Token previous) {
    String refresh =
        previous != null && !previous.refreshToken.isEmpty()
            ? previous.refreshToken
            : auth.refreshToken();
    StringBuilder form = new StringBuilder();
    if (refresh.isEmpty()) {
      form.append("grant_type=client_credentials");
    } else {
      form.append("grant_type=refresh_token&refresh_token=").append(encode(refresh));
    }
    if (!auth.scopes().isEmpty()) {
      form.append("&scope=").append(encode(String.join(" ", auth.scopes())));
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(auth.tokenUrl()))
            .timeout(feed.http().requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    if (!auth.clientId().isEmpty()) {
      String pair = encode(auth.clientId()) + ":" + encode(auth.clientSecret());
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    long sentAt = FeedTicker.read();
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw failure(feed, auth, "no answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(feed, auth, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      String body = response.body() == null ? "" : response.body();
      String snippet = body.length() > 200 ? body.substring(0, 200) : body;
      throw failure(feed, auth, "HTTP " + response.statusCode() + ": " + snippet.trim(), null);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw failure(feed, auth, "the answer is not JSON", e);
    }
    String value = answer.path("access_token").asText("");
    if (value.isEmpty()) {
      throw failure(feed, auth, "the answer has no access_token", null);
    }
    Duration lifetime =
        answer.hasNonNull("expires_in")
            ? Duration.ofSeconds(Math.max(1, answer.path("expires_in").asLong(3600)))
            : DEFAULT_LIFETIME;
    // Renew a tenth of the lifetime early, at most a minute: a request sent with it still lands
    // before it expires.
    Duration margin = lifetime.dividedBy(10);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    String nextRefresh = answer.path("refresh_token").asText(refresh);
    // Masked by value from now on, wherever an API might echo them.
    Secrets.learn(value);
    Secrets.learn(nextRefresh);
    return new Token(value, sentAt + lifetime.minus(margin).toNanos(), nextRefresh);
  }

  private static ArrowtapException failure(
      FeedDef feed, AuthDef.OAuth2 auth, String problem, Throwable cause) {
    return FeedPlace.of(feed)
        .error(
            SqlStates.FEED_UNAVAILABLE,
            "the OAuth2 token endpoint " + auth.tokenUrl() + " gave no token: " + problem,
            cause);
  }

  private static String key(AuthDef.OAuth2 auth) {
    String text =
        String.join(
            "\n",
            auth.tokenUrl(),
            auth.clientId(),
            auth.clientSecret(),
            String.join(" ", auth.scopes()),
            auth.refreshToken());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
