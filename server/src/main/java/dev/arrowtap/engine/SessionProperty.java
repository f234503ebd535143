package dev.arrowtap.engine;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The connection properties a client may set on its session. Everything else a client sends is
 * ignored, so that no client can pick the engine's schema factory, model file or classes.
 */
public enum SessionProperty {
  NUMBERS_PER_TASK("numbers_per_task", "how many numbers one numbers() task produces at most"),
  BATCH_SIZE("batch_size", "rows per Arrow batch"),
  INFER_TIMEOUT_MS(
      "infer_timeout_ms", "how long reading a feed's first page to infer its columns may take"),
  INFER_MAX_BYTES("infer_max_bytes", "how many bytes of a feed's first page inference may read"),
  MAX_INFERRED_COLUMNS(
      "max_inferred_columns", "how many columns inference may find before the query fails"),
  QUERY_MEMORY_LIMIT(
      "query_memory_limit",
      "the Arrow memory one query may hold, in bytes (only lower than the server's limit counts)"),
  CACHE("cache", "false to read every feed from its API, bypassing response caches"),
  PLAN_CACHE(
      "plan_cache", "false to plan and compile every statement anew instead of reusing its plan"),
  PUSH_AGGREGATES(
      "push_aggregates",
      "false to aggregate every row above the scan instead of partially inside its tasks"),
  DECODE_THREADS(
      "decode_threads",
      "threads that decode one large NDJSON body; 0 (the default) lets each scan decide"),
  MAX_REQUESTS(
      "max_requests",
      "the most HTTP requests one query may send; -1 for no budget (the server's default applies"
          + " when not set)");

  private final String key;
  private final String description;

  SessionProperty(String key, String description) {
    this.key = key;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /** Reads the session settings from connection properties, rejecting bad values by name. */
  public static SessionSettings settings(Map<String, String> properties) {
    return settings(properties, SessionSettings.DEFAULTS.maxRequests());
  }

  /**
   * As {@link #settings(Map)}, with the engine's own default for {@code max_requests} (a server's
   * {@code --max-requests}).
   */
  public static SessionSettings settings(Map<String, String> properties, long maxRequests) {
    SessionSettings defaults = SessionSettings.DEFAULTS;
    long numbersPerTask = longValue(properties, NUMBERS_PER_TASK, defaults.numbersPerTask());
    long batchSize = longValue(properties, BATCH_SIZE, defaults.batchSize());
    boolean useCache = booleanValue(properties, CACHE);
    boolean pushAggregates = booleanValue(properties, PUSH_AGGREGATES);
    long inferTimeout = longValue(properties, INFER_TIMEOUT_MS, defaults.inferTimeout().toMillis());
    long inferMaxBytes = longValue(properties, INFER_MAX_BYTES, defaults.inferMaxBytes());
    long maxColumns = longValue(properties, MAX_INFERRED_COLUMNS, defaults.maxInferredColumns());
    long queryMemory = longValue(properties, QUERY_MEMORY_LIMIT, defaults.queryMemoryLimit());
    long decodeThreads = longValue(properties, DECODE_THREADS, defaults.decodeThreads());
    long requests = longValue(properties, MAX_REQUESTS, maxRequests);
    try {
      return new SessionSettings(
          numbersPerTask,
          (int) Math.min(Integer.MAX_VALUE, batchSize),
          Duration.ofMillis(inferTimeout),
          inferMaxBytes,
          (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, maxColumns)),
          queryMemory,
          useCache,
          pushAggregates,
          (int) Math.max(-1, Math.min(Integer.MAX_VALUE, decodeThreads)),
          requests);
    } catch (IllegalArgumentException e) {
      throw new ArrowtapException(SqlStates.INVALID_CONNECTION_PROPERTY, e.getMessage(), e);
    }
  }

  /** Whether the session reuses plans of repeated statements ({@code plan_cache}, default true). */
  public static boolean planCache(Map<String, String> properties) {
    return booleanValue(properties, PLAN_CACHE);
  }

  /** A true/false property, true when not set. */
  private static boolean booleanValue(Map<String, String> properties, SessionProperty property) {
    String value = find(properties, property.key);
    if (value != null && !value.isBlank() && !value.trim().matches("(?i)true|false")) {
      throw new ArrowtapException(
          SqlStates.INVALID_CONNECTION_PROPERTY,
          "connection property " + property.key + " must be true or false, not '" + value + "'");
    }
    return value == null || value.isBlank() || Boolean.parseBoolean(value.trim());
  }

  private static long longValue(
      Map<String, String> properties, SessionProperty property, long fallback) {
    String value = find(properties, property.key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ArrowtapException(
          SqlStates.INVALID_CONNECTION_PROPERTY,
          "connection property " + property.key + " must be a whole number, not '" + value + "'");
    }
  }

  private static String find(Map<String, String> properties, String key) {
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
