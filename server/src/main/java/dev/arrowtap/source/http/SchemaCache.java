package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The columns of feeds that declare none, inferred from a sample of their first page and kept for a
 * while, so that planning and metadata do not refetch them for every statement.
 */
public final class SchemaCache {
  private static final int MAX_ENTRIES = 1000;
  private static final Duration FAILURE_TTL = Duration.ofSeconds(30);

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  public SchemaCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The declared columns, or the inferred ones (fetched now if not cached or expired). */
  public List<ColumnBinding> columns(FeedDef feed, String cacheKey, SessionSettings limits) {
    return columns(feed, cacheKey, limits, page -> {});
  }

  /**
   * As {@link #columns(FeedDef, String, SessionSettings)}; when the columns are inferred now and
   * the first page was read whole, it goes to {@code firstPage} for the scan.
   */
  List<ColumnBinding> columns(
      FeedDef feed, String cacheKey, SessionSettings limits, Consumer<FirstPage> firstPage) {
    if (feed.columns().isPresent()) {
      return feed.columns().get().stream().map(c -> c.binding()).toList();
    }
    Instant now = clock.instant();
    Entry entry = entries.get(cacheKey);
    if (entry != null && entry.expires.isAfter(now)) {
      if (entry.failure != null) {
        throw entry.failure;
      }
      return entry.columns;
    }
    List<ColumnBinding> inferred;
    try {
      ColumnInference.Result result = ColumnInference.infer(feed, limits);
      inferred = result.columns();
      if (result.firstPage() != null) {
        firstPage.accept(result.firstPage());
      }
    } catch (ArrowtapException e) {
      // Remembered briefly, so that a metadata listing does not wait on a dead feed once per call;
      // a cancelled query says nothing about the feed.
      if (!e.sqlState().equals(SqlStates.QUERY_CANCELED)) {
        entries.put(cacheKey, new Entry(null, e, now.plus(FAILURE_TTL)));
      }
      throw e;
    }
    // Keep the cache bounded: ad-hoc read_json URLs would otherwise pile up for good.
    entries.values().removeIf(old -> !old.expires.isAfter(now));
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(cacheKey, new Entry(inferred, null, now.plus(ttl)));
    generation.incrementAndGet();
    return inferred;
  }

  /**
   * Changes every time columns are inferred anew, so that plans made with earlier columns are not
   * reused.
   */
  public long generation() {
    return generation.get();
  }

  private record Entry(List<ColumnBinding> columns, ArrowtapException failure, Instant expires) {}
}
