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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * OAuth 2 access tokens, one per client and scopes for the whole process: fetched once, shared by
 * every query, fetched again shortly before they expire or when the API answers 401. Tokens and
 * client secrets never appear in a message, a plan or a metric.
 *
 * <p>No lock is held while a token request is on the network: one request per client is in flight,
 * every query that needs it waits for it on its own, and gives up at once when it is cancelled. A
 * token due for renewal but not yet expired is still used while its successor is fetched, so a slow
 * token endpoint holds up only queries that have no usable token at all.
 */
final class OAuthTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
  // How often a query waiting for a token looks whether it was cancelled.
  private static final long POLL_MILLIS = 50;
  private static final Map<String, Holder> TOKENS = new ConcurrentHashMap<>();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private OAuthTokens() {}

  /**
   * The current token, when to fetch the next one (a margin before it expires) and when it expires.
   */
  private record Token(String value, long renewAtNanos, long expiresAtNanos, String refreshToken) {}

  /** The token of one client and the one request for its successor, if any is on its way. */
  private static final class Holder {
    // Both changed under the holder's lock, which is never held during a request.
    private Token token;
    private CompletableFuture<Token> fetching;
  }

  /** A token good for a while yet, fetched if there is none; waits however long it takes. */
  static String token(FeedDef feed, AuthDef.OAuth2 auth) {
    return token(feed, auth, () -> false);
  }

  /**
   * A token good for a while yet, fetched if there is none.
   *
   * @param stopped true once the query no longer wants it: the wait ends within {@value
   *     #POLL_MILLIS} ms with a cancellation, while the request goes on for other queries
   */
  static String token(FeedDef feed, AuthDef.OAuth2 auth, BooleanSupplier stopped) {
    Holder holder = TOKENS.computeIfAbsent(key(auth), k -> new Holder());
    CompletableFuture<Token> pending;
    synchronized (holder) {
      Token current = holder.token;
      long now = FeedTicker.read();
      boolean due = current == null || now - current.renewAtNanos >= 0;
      pending = holder.fetching;
      if (due && pending == null) {
        CompletableFuture<Token> started = fetch(feed, auth, current);
        holder.fetching = started;
        pending = started;
        // Registered last: a future already complete settles here, under this same lock.
        CompletableFuture<Token> unused =
            started.whenComplete((token, error) -> settle(holder, started, token));
      }
      if (current != null && now - current.expiresAtNanos < 0) {
        return current.value; // good until its successor arrives
      }
    }
    return await(feed, auth, pending, stopped);
  }

  private static void settle(Holder holder, CompletableFuture<Token> done, Token token) {
    synchronized (holder) {
      if (holder.fetching == done) {
        holder.fetching = null;
        if (token != null) {
          holder.token = token;
        }
      }
    }
  }

  private static String await(
      FeedDef feed,
      AuthDef.OAuth2 auth,
      CompletableFuture<Token> pending,
      BooleanSupplier stopped) {
    while (true) {
      if (stopped.getAsBoolean()) {
        throw cancelled(feed, auth);
      }
      try {
        return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS).value;
      } catch (TimeoutException e) {
        // still on its way: look again whether the query was cancelled
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw cancelled(feed, auth);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ArrowtapException failed) {
          throw failed;
        }
        throw failure(feed, auth, problem(cause, feed), cause);
      }
    }
  }

  /** The API refused {@code used}: the next {@link #token} fetches a new one (once for all). */
  static void refused(AuthDef.OAuth2 auth, String used) {
    Holder holder = TOKENS.computeIfAbsent(key(auth), k -> new Holder());
    synchronized (holder) {
      if (holder.token != null && holder.token.value.equals(used)) {
        long now = FeedTicker.read();
        holder.token = new Token(used, now, now, holder.token.refreshToken);
      }
    }
  }

  /** Sends the token request; the answer completes the future, within the request timeout. */
  private static CompletableFuture<Token> fetch(FeedDef feed, AuthDef.OAuth2 auth, Token previous) {
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
    Duration timeout = feed.http().requestTimeout();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(auth.tokenUrl()))
            .timeout(timeout)
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
    CompletableFuture<HttpResponse<String>> sent =
        CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    // The request's own timeout ends at the headers; a body that never ends is bounded here, and
    // the connection is then closed.
    CompletableFuture<HttpResponse<String>> bounded =
        sent.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    CompletableFuture<HttpResponse<String>> unused =
        bounded.whenComplete(
            (response, error) -> {
              if (error != null) {
                sent.cancel(true);
              }
            });
    return bounded.thenApply(response -> parse(feed, auth, response, refresh, sentAt));
  }

  private static Token parse(
      FeedDef feed,
      AuthDef.OAuth2 auth,
      HttpResponse<String> response,
      String refresh,
      long sentAt) {
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
    return new Token(
        value,
        sentAt + lifetime.minus(margin).toNanos(),
        sentAt + lifetime.minus(margin.dividedBy(2)).toNanos(),
        nextRefresh);
  }

  private static String problem(Throwable cause, FeedDef feed) {
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return "no answer within " + feed.http().requestTimeout().toMillis() + " ms";
    }
    return "no answer: " + cause;
  }

  private static ArrowtapException cancelled(FeedDef feed, AuthDef.OAuth2 auth) {
    return FeedPlace.of(feed)
        .error(
            SqlStates.QUERY_CANCELED,
            "query cancelled while waiting for a token from " + auth.tokenUrl(),
            null);
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
