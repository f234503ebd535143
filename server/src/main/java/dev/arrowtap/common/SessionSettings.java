package dev.arrowtap.common;

import java.time.Duration;

/**
 * The typed settings of one connection, from the whitelisted connection properties.
 *
 * @param numbersPerTask how many numbers one task of {@code numbers()} produces at most
 * @param batchSize rows per Arrow batch
 * @param inferTimeout how long reading a feed's first page to infer its columns may take
 * @param inferMaxBytes how many bytes of a feed's first page inference may read
 * @param maxInferredColumns how many columns inference may find before the query fails
 * @param queryMemoryLimit the Arrow memory one query may hold, in bytes; the server's own limit
 *     applies when it is lower
 * @param useCache whether feeds may answer from their response caches
 * @param pushAggregates whether aggregates over a scan may run partially inside its tasks
 * @param decodeThreads threads that may decode one large NDJSON body, or 0 to let the scan decide
 *     (all cores for a scan of one task, a share of them when tasks run side by side)
 * @param maxRequests the most HTTP requests one query may send, or -1 for no budget
 */
public record SessionSettings(
    long numbersPerTask,
    int batchSize,
    Duration inferTimeout,
    long inferMaxBytes,
    int maxInferredColumns,
    long queryMemoryLimit,
    boolean useCache,
    boolean pushAggregates,
    int decodeThreads,
    long maxRequests) {
  /**
   * The most columns a session may let inference find: {@code SELECT *} over 3,000 columns still
   * compiled when measured, over 4,000 Calcite's generated code passed the JVM's 64 KB method
   * limit.
   */
  public static final int MAX_INFERRED_COLUMNS_LIMIT = 2000;

  /** The most a session may let inference read: the first page is held in memory. */
  public static final long INFER_MAX_BYTES_LIMIT = 256L << 20;

  /** The longest a session may let inference take. */
  public static final Duration INFER_TIMEOUT_LIMIT = Duration.ofMinutes(10);

  /** The most threads a session may ask to decode one body with. */
  public static final int MAX_DECODE_THREADS = 256;

  public static final SessionSettings DEFAULTS =
      new SessionSettings(
          10, 8192, Duration.ofSeconds(30), 16L << 20, 1000, Long.MAX_VALUE, true, true, 0, -1);

  public SessionSettings {
    if (numbersPerTask < 1) {
      throw new IllegalArgumentException("numbers_per_task must be at least 1: " + numbersPerTask);
    }
    if (batchSize < 1 || batchSize > 1 << 20) {
      throw new IllegalArgumentException("batch_size must be between 1 and 1048576: " + batchSize);
    }
    if (inferTimeout.toMillis() < 1 || inferTimeout.compareTo(INFER_TIMEOUT_LIMIT) > 0) {
      throw new IllegalArgumentException(
          "infer_timeout_ms must be between 1 and "
              + INFER_TIMEOUT_LIMIT.toMillis()
              + ": "
              + inferTimeout.toMillis());
    }
    if (inferMaxBytes < 1024 || inferMaxBytes > INFER_MAX_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "infer_max_bytes must be between 1024 and "
              + INFER_MAX_BYTES_LIMIT
              + ": "
              + inferMaxBytes);
    }
    if (maxInferredColumns < 1 || maxInferredColumns > MAX_INFERRED_COLUMNS_LIMIT) {
      throw new IllegalArgumentException(
          "max_inferred_columns must be between 1 and "
              + MAX_INFERRED_COLUMNS_LIMIT
              + ": "
              + maxInferredColumns);
    }
    if (decodeThreads < 0 || decodeThreads > MAX_DECODE_THREADS) {
      throw new IllegalArgumentException(
          "decode_threads must be between 0 (automatic) and "
              + MAX_DECODE_THREADS
              + ": "
              + decodeThreads);
    }
    if (maxRequests < -1) {
      throw new IllegalArgumentException(
          "max_requests must be a number of requests, or -1 for no budget: " + maxRequests);
    }
    if (queryMemoryLimit < 1) {
      throw new IllegalArgumentException(
          "query_memory_limit must be a positive number of bytes: " + queryMemoryLimit);
    }
  }

  /** Settings with aggregates pushed into scans. */
  public SessionSettings(
      long numbersPerTask,
      int batchSize,
      Duration inferTimeout,
      long inferMaxBytes,
      int maxInferredColumns,
      long queryMemoryLimit,
      boolean useCache) {
    this(
        numbersPerTask,
        batchSize,
        inferTimeout,
        inferMaxBytes,
        maxInferredColumns,
        queryMemoryLimit,
        useCache,
        true,
        DEFAULTS.decodeThreads(),
        DEFAULTS.maxRequests());
  }

  /** Settings without a request budget. */
  public SessionSettings(
      long numbersPerTask,
      int batchSize,
      Duration inferTimeout,
      long inferMaxBytes,
      int maxInferredColumns,
      long queryMemoryLimit,
      boolean useCache,
      boolean pushAggregates,
      int decodeThreads) {
    this(
        numbersPerTask,
        batchSize,
        inferTimeout,
        inferMaxBytes,
        maxInferredColumns,
        queryMemoryLimit,
        useCache,
        pushAggregates,
        decodeThreads,
        DEFAULTS.maxRequests());
  }

  /** Default inference bounds. */
  public SessionSettings(long numbersPerTask, int batchSize) {
    this(
        numbersPerTask,
        batchSize,
        DEFAULTS.inferTimeout(),
        DEFAULTS.inferMaxBytes(),
        DEFAULTS.maxInferredColumns(),
        DEFAULTS.queryMemoryLimit(),
        true,
        true,
        DEFAULTS.decodeThreads(),
        DEFAULTS.maxRequests());
  }
}
