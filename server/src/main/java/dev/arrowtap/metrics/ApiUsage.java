package dev.arrowtap.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this engine has cost each API since it started: requests, bytes, errors, 429s, cache hits
 * and waits, per table and host, so an operator sees which table spends which API's quota. Tasks
 * count into it through their {@link TaskMetrics}, on workers as their counts arrive.
 */
public final class ApiUsage {
  private final Map<Key, Counters> counters = new ConcurrentHashMap<>();

  /**
   * Whose requests: a table (schema-qualified) and the host its requests go to.
   *
   * @param host {@code scheme://host:port}, never a path or query (they may hold secrets)
   */
  public record Key(String table, String host) {
    public Key {
      Objects.requireNonNull(table, "table is null");
      Objects.requireNonNull(host, "host is null");
    }
  }

  /** One table's figures on one host; every field only grows. */
  public static final class Counters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong waits = new AtomicLong();
    final AtomicLong waitMillis = new AtomicLong();

    /** Counts answers that came from a cache rather than a request. */
    public void addCacheHits(long count) {
      cacheHits.addAndGet(count);
    }

    /** The figures as they are now. */
    Row snapshot(Key key) {
      return new Row(
          key.table(),
          key.host(),
          requests.get(),
          bytes.get(),
          errors.get(),
          throttled.get(),
          cacheHits.get(),
          waits.get(),
          waitMillis.get());
    }
  }

  /**
   * One table's figures on one host, or one host's summed over its tables.
   *
   * @param errors requests answered with an error status or not answered at all
   * @param throttled requests answered 429 (Too Many Requests)
   * @param waits requests that waited for a rate limit, an in-flight bound or an API's pause
   */
  public record Row(
      String table,
      String host,
      long requests,
      long bytes,
      long errors,
      long throttled,
      long cacheHits,
      long waits,
      long waitMillis) {
    Row plus(Row other) {
      return new Row(
          table,
          host,
          requests + other.requests,
          bytes + other.bytes,
          errors + other.errors,
          throttled + other.throttled,
          cacheHits + other.cacheHits,
          waits + other.waits,
          waitMillis + other.waitMillis);
    }
  }

  /** The counters of this table on this host, created on first use. */
  public Counters counters(Key key) {
    return counters.computeIfAbsent(key, k -> new Counters());
  }

  /** One row per table and host, by table then host. */
  public List<Row> byTable() {
    return counters.entrySet().stream()
        .map(e -> e.getValue().snapshot(e.getKey()))
        .sorted(Comparator.comparing(Row::table).thenComparing(Row::host))
        .toList();
  }

  /** One row per host, summed over its tables (the row's table is empty), by host. */
  public List<Row> byHost() {
    Map<String, Row> hosts = new java.util.TreeMap<>();
    for (Row row : byTable()) {
      Row zero = new Row("", row.host(), 0, 0, 0, 0, 0, 0, 0);
      hosts.merge(row.host(), zero.plus(row), Row::plus);
    }
    return List.copyOf(hosts.values());
  }
}
