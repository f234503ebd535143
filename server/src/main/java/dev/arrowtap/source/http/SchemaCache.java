package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.decode.SchemaInference;
import dev.arrowtap.metrics.TaskMetrics;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The columns of feeds that declare none, inferred from a sample of their first page and kept for a
 * while, so that planning and metadata do not refetch them for every statement.
 */
public final class SchemaCache {
  static final int SAMPLE_RECORDS = 1000;
  private static final int MAX_ENTRIES = 1000;
  private static final Duration FAILURE_TTL = Duration.ofSeconds(30);

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public SchemaCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The declared columns, or the inferred ones (fetched now if not cached or expired). */
  public List<ColumnBinding> columns(FeedDef feed, String cacheKey) {
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
      inferred = infer(feed);
    } catch (ArrowtapException e) {
      // Remembered briefly, so that a metadata listing does not wait on a dead feed once per call.
      entries.put(cacheKey, new Entry(null, e, now.plus(FAILURE_TTL)));
      throw e;
    }
    // Keep the cache bounded: ad-hoc read_json URLs would otherwise pile up for good.
    entries.values().removeIf(old -> !old.expires.isAfter(now));
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(cacheKey, new Entry(inferred, null, now.plus(ttl)));
    return inferred;
  }

  private static List<ColumnBinding> infer(FeedDef feed) {
    PageRequest first = new Paginator(feed, defaults(feed)).first();
    String where = "feed " + feed.qualifiedName() + ", " + feed.method() + " " + first.uri() + ": ";
    try (PageResponse response =
        FeedHttpClient.shared().fetch(first, feed.http(), () -> false, new TaskMetrics())) {
      // Always nullable: a record after the sample may lack any field.
      List<ColumnBinding> columns =
          SchemaInference.infer(
                  response.body(), response.contentType(), feed.records(), SAMPLE_RECORDS)
              .stream()
              .map(b -> new ColumnBinding(nullable(b.column()), b.pointer(), b.format()))
              .toList();
      if (columns.isEmpty()) {
        throw new ArrowtapException(
            SqlStates.FEED_BAD_DATA,
            feed.secrets()
                .redact(
                    where
                        + "cannot infer columns: the first page has no records; declare the columns in the catalog"));
      }
      return columns;
    } catch (HttpFailure e) {
      throw new ArrowtapException(
          SqlStates.FEED_UNAVAILABLE,
          feed.secrets().redact(where + "cannot infer columns: " + e.getMessage()),
          e);
    } catch (JsonDecodeException e) {
      throw new ArrowtapException(
          e.sqlState(),
          feed.secrets().redact(where + "cannot infer columns: " + e.getMessage()),
          e);
    } catch (IOException e) {
      throw new ArrowtapException(
          SqlStates.FEED_UNAVAILABLE,
          feed.secrets().redact(where + "cannot infer columns: " + e.getMessage()),
          e);
    }
  }

  /** Parameter defaults: inference runs only on feeds whose parameters all have one. */
  private static Map<String, String> defaults(FeedDef feed) {
    Map<String, String> values = new java.util.HashMap<>();
    feed.parameters().forEach(p -> p.defaultValue().ifPresent(v -> values.put(p.name(), v)));
    return values;
  }

  private static Column nullable(Column column) {
    return column.withNullable(true);
  }

  private record Entry(List<ColumnBinding> columns, ArrowtapException failure, Instant expires) {}
}
