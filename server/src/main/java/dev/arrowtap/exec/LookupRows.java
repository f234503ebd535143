package dev.arrowtap.exec;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The rows lookups found, per id, kept per table within the table's cache settings: a later lookup
 * asks the API only for the ids it has not seen, and lookups that run at once share the request of
 * an id one of them already sent. One per engine; nothing is kept for a table without a cache.
 */
public final class LookupRows {
  private static final long POLL_MILLIS = 50;

  /**
   * A table's lookup cache.
   *
   * @param name the table and its cache settings: a changed setting starts a new cache
   * @param ttl how long the rows of an id are used
   * @param maxBytes about the most memory the table's rows take
   */
  public record Settings(String name, Duration ttl, long maxBytes) {
    public Settings {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(ttl, "ttl is null");
    }
  }

  /** Fetches the rows of ids no cache holds, grouped by id (an id without rows may be absent). */
  public interface Fetch {
    Map<String, List<Object>> rows(List<String> ids);
  }

  private final Map<String, AsyncCache<String, List<Object>>> caches = new ConcurrentHashMap<>();
  private final AtomicLong shared = new AtomicLong();

  /**
   * The rows of {@code ids}: from the cache, from another lookup's request still on its way, or
   * fetched now for the ids neither has.
   *
   * @param scope what else decides the rows (the columns read, other parameters' values)
   * @param cancelled stops waiting on another lookup's request
   * @return the rows, and how many ids did not need a request of this call
   */
  public Result rows(
      Settings settings, String scope, List<String> ids, Fetch fetch, BooleanSupplier cancelled) {
    AsyncCache<String, List<Object>> cache = cacheOf(settings);
    Map<String, CompletableFuture<List<Object>>> mine = new LinkedHashMap<>();
    Map<String, CompletableFuture<List<Object>>> theirs = new LinkedHashMap<>();
    for (String id : ids) {
      CompletableFuture<List<Object>> own = new CompletableFuture<>();
      CompletableFuture<List<Object>> found = cache.asMap().putIfAbsent(scope + id, own);
      if (found == null) {
        mine.put(id, own);
      } else {
        theirs.put(id, found);
        if (!found.isDone()) {
          shared.incrementAndGet();
        }
      }
    }
    // This call's own ids are fetched before it waits on anyone: two lookups that wait on each
    // other's ids have both sent their own requests first, so neither waits for ever.
    if (!mine.isEmpty()) {
      Map<String, List<Object>> fetched;
      try {
        fetched = fetch.rows(List.copyOf(mine.keySet()));
      } catch (RuntimeException | Error e) {
        mine.forEach(
            (id, future) -> {
              cache.asMap().remove(scope + id, future);
              future.completeExceptionally(e);
            });
        throw e;
      }
      mine.forEach(
          (id, future) ->
              future.complete(
                  Collections.unmodifiableList(
                      new ArrayList<>(fetched.getOrDefault(id, List.of())))));
    }
    List<Object> out = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String id : ids) {
      CompletableFuture<List<Object>> future = mine.getOrDefault(id, theirs.get(id));
      List<Object> rows = await(future, cancelled);
      if (rows == null) {
        failed.add(id);
      } else {
        out.addAll(rows);
      }
    }
    if (!failed.isEmpty()) {
      // Another query's request for these ids failed (its budget, its cancel): ask for them here.
      fetch.rows(failed).values().forEach(out::addAll);
    }
    return new Result(out, theirs.size() - failed.size());
  }

  /** The rows of a lookup and how many of its ids were answered without a request of its own. */
  public record Result(List<Object> rows, int answered) {}

  /** Ids that waited for a request another lookup had on its way; for tests. */
  public long sharedRequests() {
    return shared.get();
  }

  private static List<Object> await(
      CompletableFuture<List<Object>> future, BooleanSupplier cancelled) {
    while (true) {
      try {
        return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (cancelled.getAsBoolean()) {
          return null;
        }
      } catch (ExecutionException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private AsyncCache<String, List<Object>> cacheOf(Settings settings) {
    return caches.computeIfAbsent(
        settings.name(),
        name ->
            Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .<String, List<Object>>weigher((key, rows) -> weight(key, rows))
                .expireAfterWrite(settings.ttl())
                .buildAsync());
  }

  /** About the heap an id's rows take: a fixed cost per row and per value, and the text. */
  private static int weight(String key, List<Object> rows) {
    long bytes = 64 + 2L * key.length();
    for (Object row : rows) {
      bytes += 32;
      if (row instanceof Object[] values) {
        for (Object value : values) {
          bytes += 24 + (value instanceof String text ? 2L * text.length() : 8);
        }
      } else {
        bytes += 24 + (row instanceof String text ? 2L * text.length() : 8);
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }
}
