package dev.arrowtap.source.http;

import dev.arrowtap.catalog.HttpSettings;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.metrics.TaskMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches feed pages over pooled, gzip-capable HTTP connections, retrying with exponential backoff
 * and jitter where a retry can help. One per JVM: feeds share its connection pool.
 */
public final class FeedHttpClient implements AutoCloseable {
  private static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);
  private static final int ERROR_SNIPPET_BYTES = 512;

  private static volatile FeedHttpClient shared;

  private final CloseableHttpClient client;
  private final ScheduledExecutorService timers;
  private final Sleeper sleeper;
  private final ExecutorService prefetchThreads =
      Executors.newCachedThreadPool(DaemonThreads.named("arrowtap-http-prefetch"));

  public FeedHttpClient(Sleeper sleeper) {
    this.sleeper = sleeper;
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(64)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build())
                    .build())
            .disableAutomaticRetries()
            // A redirect could lead to a host nobody allowed, carrying the feed's credentials.
            .disableRedirectHandling()
            .disableCookieManagement()
            .evictIdleConnections(TimeValue.ofMinutes(1))
            .setUserAgent("arrowtap")
            .build();
    this.timers =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("arrowtap-http-timeouts"));
  }

  /** Threads that fetch pages ahead of the decoder. */
  Executor prefetchThreads() {
    return prefetchThreads;
  }

  /** The JVM-wide client. */
  public static FeedHttpClient shared() {
    FeedHttpClient client = shared;
    if (client == null) {
      synchronized (FeedHttpClient.class) {
        client = shared;
        if (client == null) {
          client = new FeedHttpClient(Sleeper.REAL);
          shared = client;
        }
      }
    }
    return client;
  }

  /**
   * Sends the request until it succeeds, fails for good, or runs out of attempts.
   *
   * @return the response with its body still to read
   * @throws HttpFailure after the last attempt, or at once for an answer a retry cannot fix
   */
  public PageResponse fetch(
      PageRequest request, HttpSettings settings, BooleanSupplier stopped, TaskMetrics metrics)
      throws HttpFailure {
    return fetch(request, settings, stopped, metrics, abort -> {});
  }

  /**
   * As {@link #fetch(PageRequest, HttpSettings, BooleanSupplier, TaskMetrics)}, handing each
   * attempt's abort to {@code attempts} as it starts, so that another thread can cut off a request
   * that is still waiting for its answer.
   */
  PageResponse fetch(
      PageRequest request,
      HttpSettings settings,
      BooleanSupplier stopped,
      TaskMetrics metrics,
      Consumer<Runnable> attempts)
      throws HttpFailure {
    return fetch(
        request,
        settings,
        stopped,
        metrics,
        new FetchAbort(attempts),
        List.of(RequestBudgets.ofHost(request.uri())));
  }

  /** As {@link #fetch(PageRequest, HttpSettings, BooleanSupplier, TaskMetrics)}, abortable. */
  PageResponse fetch(
      PageRequest request,
      HttpSettings settings,
      BooleanSupplier stopped,
      TaskMetrics metrics,
      FetchAbort abort,
      List<RequestBudget> budgets)
      throws HttpFailure {
    BooleanSupplier given = stopped;
    stopped = () -> abort.aborted() || given.getAsBoolean();
    int status = 0;
    Exception last = null;
    String detail = "";
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (stopped.getAsBoolean()) {
        throw new HttpFailure("cancelled", status, attempt - 1, last);
      }
      if (!metrics.claimRequest()) {
        throw BudgetRefusal.of(metrics.allowance());
      }
      Duration retryAfter = null;
      if (!acquire(budgets, stopped, metrics)) {
        throw new HttpFailure("cancelled", status, attempt - 1, last);
      }
      boolean answered = false;
      HttpUriRequestBase http = build(request, settings);
      abort.attempt(http::cancel);
      ScheduledFuture<?> deadline =
          timers.schedule(
              http::cancel, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.addHttpRequest(0);
      try {
        ClassicHttpResponse response;
        try {
          response = client.executeOpen(null, http, null);
        } finally {
          answered = true;
          budgets.forEach(RequestBudget::release);
        }
        status = response.getCode();
        boolean notModified =
            status == 304
                && (request.headers().containsKey("If-None-Match")
                    || request.headers().containsKey("If-Modified-Since"));
        if ((status >= 200 && status < 300) || notModified) {
          pauseIfExhausted(response, settings, budgets);
          HttpEntity entity = response.getEntity();
          InputStream body;
          try {
            body = entity == null ? InputStream.nullInputStream() : entity.getContent();
          } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
          }
          return new PageResponse(
              request.uri(),
              status,
              headers(response),
              body,
              () -> {
                deadline.cancel(false);
                response.close();
              },
              http::cancel);
        }
        metrics.addHttpError(status);
        detail = snippet(response);
        retryAfter = retryAfter(response);
        if (retryAfter != null && (status == 429 || status == 503)) {
          // The API speaks for the host: every query of it waits, not just this request.
          Duration pause = min(retryAfter, settings.maxDelay());
          budgets.forEach(budget -> budget.pause(pause));
        }
        response.close();
        deadline.cancel(false);
        if (!RETRYABLE.contains(status)) {
          throw new HttpFailure("HTTP " + status + describe(detail), status, attempt, null);
        }
        last = null;
      } catch (IOException e) {
        if (!answered) {
          budgets.forEach(RequestBudget::release);
        }
        if (!stopped.getAsBoolean()) {
          metrics.addHttpError(0);
        }
        deadline.cancel(false);
        if (http.isCancelled() && !stopped.getAsBoolean()) {
          last =
              new IOException(
                  "no complete answer within " + settings.requestTimeout().toMillis() + " ms", e);
        } else {
          last = e;
        }
        status = 0;
      }
      if (attempt < settings.attempts()) {
        metrics.addRetry();
        Duration delay =
            retryAfter != null ? min(retryAfter, settings.maxDelay()) : backoff(settings, attempt);
        if (status == 429) {
          // The API asked this request to wait: a rate-limit wait, even when no budget is set.
          metrics.addRateLimitWait(delay.toNanos());
        }
        if (!sleeper.sleep(delay, stopped)) {
          throw new HttpFailure("cancelled", status, attempt, last);
        }
      }
    }
    String why =
        status != 0 ? "HTTP " + status + describe(detail) : "no answer: " + rootMessage(last);
    throw new HttpFailure(
        why + " (after " + settings.attempts() + " attempts)", status, settings.attempts(), last);
  }

  /** Waits for every budget in turn; false when the task was stopped while waiting. */
  private static boolean acquire(
      List<RequestBudget> budgets, BooleanSupplier stopped, TaskMetrics metrics) {
    long waited = 0;
    for (int i = 0; i < budgets.size(); i++) {
      long nanos = budgets.get(i).acquire(stopped);
      if (nanos < 0) {
        budgets.subList(0, i).forEach(RequestBudget::release);
        return false;
      }
      waited += nanos;
    }
    if (waited >= 1_000_000) {
      metrics.addRateLimitWait(waited);
    }
    return true;
  }

  /**
   * {@code RateLimit-Remaining: 0} (or {@code X-RateLimit-Remaining}) on a good answer: the next
   * request would be refused, so everyone waits for the reset the API names.
   */
  private static void pauseIfExhausted(
      ClassicHttpResponse response, HttpSettings settings, List<RequestBudget> budgets) {
    String remaining = firstHeader(response, "RateLimit-Remaining", "X-RateLimit-Remaining");
    if (remaining == null || !remaining.trim().equals("0")) {
      return;
    }
    String reset = firstHeader(response, "RateLimit-Reset", "X-RateLimit-Reset");
    long seconds;
    try {
      seconds = reset == null ? 1 : Long.parseLong(reset.trim());
    } catch (NumberFormatException e) {
      seconds = 1;
    }
    long nowSeconds = System.currentTimeMillis() / 1000;
    // GitHub sends the reset as epoch seconds, the IETF draft as seconds from now.
    long delay = seconds > 1_000_000_000L ? seconds - nowSeconds : seconds;
    Duration pause = min(Duration.ofSeconds(Math.max(0, delay)), settings.maxDelay());
    budgets.forEach(budget -> budget.pause(pause));
  }

  private static String firstHeader(ClassicHttpResponse response, String... names) {
    for (String name : names) {
      Header header = response.getFirstHeader(name);
      if (header != null) {
        return header.getValue();
      }
    }
    return null;
  }

  /**
   * Waits before attempt {@code attempt + 1} of a page as {@link #fetch} would; false when the task
   * was stopped meanwhile.
   */
  boolean pauseBeforeRetry(HttpSettings settings, int attempt, BooleanSupplier stopped) {
    return sleeper.sleep(backoff(settings, attempt), stopped);
  }

  @SuppressWarnings("deprecation") // per-feed connect timeouts have no other per-request setting
  private static HttpUriRequestBase build(PageRequest request, HttpSettings settings) {
    HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
    http.setConfig(
        RequestConfig.custom()
            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
            .setResponseTimeout(Timeout.of(settings.responseTimeout()))
            .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
            .build());
    request.headers().forEach(http::setHeader);
    if (!http.containsHeader("Accept")) {
      http.setHeader("Accept", "application/json, application/x-ndjson;q=0.9, */*;q=0.1");
    }
    request
        .body()
        .ifPresent(body -> http.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON)));
    return http;
  }

  /** Exponential backoff with jitter: between half and all of initial * 2^(attempt-1). */
  static Duration backoff(HttpSettings settings, int attempt) {
    long base = settings.initialDelay().toMillis() << Math.min(20, attempt - 1);
    long capped = Math.min(base, settings.maxDelay().toMillis());
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(ClassicHttpResponse response) {
    Header header = response.getFirstHeader("Retry-After");
    if (header == null) {
      return null;
    }
    String value = header.getValue().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      Instant when = DateUtils.parseStandardDate(value);
      return when == null
          ? null
          : Duration.ofMillis(Math.max(0, when.toEpochMilli() - System.currentTimeMillis()));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Map<String, List<String>> headers(ClassicHttpResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      headers.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
    }
    return headers;
  }

  private static String snippet(ClassicHttpResponse response) {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return "";
    }
    try (InputStream in = entity.getContent()) {
      byte[] bytes = in.readNBytes(ERROR_SNIPPET_BYTES);
      return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static String describe(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  private static String rootMessage(Throwable e) {
    if (e == null) {
      return "unknown";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() throws IOException {
    timers.shutdownNow();
    prefetchThreads.shutdownNow();
    client.close();
  }
}
