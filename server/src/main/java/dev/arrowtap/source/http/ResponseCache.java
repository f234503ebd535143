package dev.arrowtap.source.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arrowtap.catalog.CacheDef;
import dev.arrowtap.catalog.FeedDef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The response caches of this process, one Caffeine cache per table that turns one on, bounded by
 * the table's {@code max_bytes} and shared by every query. An entry is keyed by a SHA-256 of the
 * whole request (method, URL, headers, body), so credentials in it are never stored or shown; it is
 * used as it is within its time to live, and after that revalidated with {@code
 * If-None-Match}/{@code If-Modified-Since} where the API sent {@code ETag}/{@code Last-Modified}.
 */
final class ResponseCache {
  /** Stale entries with a validator are kept this many TTLs for revalidation. */
  private static final int KEEP_FOR_REVALIDATION = 10;

  private static final Map<String, Cache<String, Stored>> CACHES = new ConcurrentHashMap<>();

  private ResponseCache() {}

  /** A page as stored: its body and the headers the feed reads. */
  private static final class Stored {
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final long storedNanos;
    private final int status;

    Stored(byte[] body, Map<String, List<String>> headers, long storedNanos, int status) {
      this.body = body;
      this.headers = headers;
      this.storedNanos = storedNanos;
      this.status = status;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** How a fetch goes to the network; the cache calls it for misses and revalidations. */
  interface Network {
    PageResponse fetch(PageRequest request) throws HttpFailure;
  }

  /**
   * The page for this request: from the table's cache when it holds a fresh answer (or the API
   * confirms a stale one with 304), otherwise from the network, stored when it fits.
   *
   * @param onHit called when the answer came from the cache
   */
  static PageResponse fetch(
      FeedDef feed, PageRequest request, boolean useCache, Network network, Runnable onHit)
      throws HttpFailure {
    CacheDef def = feed.fetch().cache();
    if (!useCache || !def.enabled()) {
      return network.fetch(request);
    }
    Cache<String, Stored> cache = cacheOf(feed, def);
    String key = key(request);
    Stored stored = cache.getIfPresent(key);
    long now = FeedTicker.read();
    if (stored != null && now - stored.storedNanos < def.ttl().toNanos()) {
      onHit.run();
      return replay(request, stored);
    }
    PageRequest sent = stored == null ? request : conditional(request, stored);
    PageResponse response = network.fetch(sent);
    if (response.status() == 304 && stored != null) {
      response.close();
      cache.put(key, new Stored(stored.body, stored.headers, FeedTicker.read(), stored.status));
      onHit.run();
      return replay(request, stored);
    }
    return keep(cache, key, response, def.maxBytes());
  }

  /** Keeps the first page that column inference read, as if the scan had fetched it. */
  static void offer(FeedDef feed, FirstPage page) {
    CacheDef def = feed.fetch().cache();
    if (!def.enabled() || page.body().length > def.maxBytes()) {
      return;
    }
    cacheOf(feed, def)
        .put(
            key(page.request()),
            new Stored(page.body(), page.headers(), FeedTicker.read(), page.status()));
  }

  private static Cache<String, Stored> cacheOf(FeedDef feed, CacheDef def) {
    String name = feed.qualifiedName() + " " + def;
    return CACHES.computeIfAbsent(
        name,
        n ->
            Caffeine.newBuilder()
                .maximumWeight(def.maxBytes())
                .<String, Stored>weigher((k, v) -> v.body.length + 256)
                .expireAfterWrite(def.ttl().multipliedBy(KEEP_FOR_REVALIDATION))
                .ticker(FeedTicker.TICKER)
                .build());
  }

  /** Reads the body (up to the cache's size) and stores it; a bigger body streams on uncached. */
  private static PageResponse keep(
      Cache<String, Stored> cache, String key, PageResponse response, long maxBytes)
      throws HttpFailure {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    InputStream body = response.body();
    byte[] chunk = new byte[64 * 1024];
    try {
      int n;
      while (buffer.size() <= maxBytes && (n = body.read(chunk)) >= 0) {
        buffer.write(chunk, 0, n);
      }
      if (buffer.size() > maxBytes) {
        InputStream rest =
            new SequenceInputStream(new ByteArrayInputStream(buffer.toByteArray()), body);
        return new PageResponse(
            response.uri(),
            response.status(),
            headersOf(response),
            rest,
            response,
            response::abort);
      }
    } catch (IOException e) {
      response.close();
      throw new HttpFailure(
          "the connection broke while reading the body at byte " + buffer.size(),
          response.status(),
          1,
          e);
    }
    response.close();
    Stored stored =
        new Stored(buffer.toByteArray(), headersOf(response), FeedTicker.read(), response.status());
    if (response.header("Cache-Control").stream().noneMatch(v -> v.contains("no-store"))) {
      cache.put(key, stored);
    }
    return replay(response.uri(), stored);
  }

  private static Map<String, List<String>> headersOf(PageResponse response) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (String name : List.of("Content-Type", "Link", "ETag", "Last-Modified")) {
      List<String> values = response.header(name);
      if (!values.isEmpty()) {
        kept.put(name, values);
      }
    }
    return kept;
  }

  private static PageResponse replay(PageRequest request, Stored stored) {
    return replay(request.uri(), stored);
  }

  private static PageResponse replay(URI uri, Stored stored) {
    return new PageResponse(
        uri,
        stored.status,
        stored.headers,
        new ByteArrayInputStream(stored.body),
        () -> {},
        () -> {});
  }

  private static PageRequest conditional(PageRequest request, Stored stored) {
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    if (stored.header("ETag") != null) {
      headers.put("If-None-Match", stored.header("ETag"));
    }
    if (stored.header("Last-Modified") != null) {
      headers.put("If-Modified-Since", stored.header("Last-Modified"));
    }
    return new PageRequest(request.method(), request.uri(), headers, request.body());
  }

  /** A digest of everything that makes the request: credentials in it are hashed with the rest. */
  static String key(PageRequest request) {
    StringBuilder text = new StringBuilder();
    text.append(request.method()).append('\n').append(request.uri()).append('\n');
    new TreeMap<>(request.headers())
        .forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    request.body().ifPresent(body -> text.append('\n').append(body));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
