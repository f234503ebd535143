package dev.arrowtap.catalog;

import java.time.Duration;

/**
 * Retries, timeouts and safety caps of one feed.
 *
 * @param attempts tries per page, the first included
 * @param maxPages pages per query before the query fails
 * @param maxRows rows per query before the query fails
 */
public record HttpSettings(
    int attempts,
    Duration initialDelay,
    Duration maxDelay,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration requestTimeout,
    long maxPages,
    long maxRows) {
  public static final HttpSettings DEFAULTS =
      new HttpSettings(
          4,
          Duration.ofMillis(200),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          10_000,
          100_000_000);

  public HttpSettings {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry.attempts must be at least 1: " + attempts);
    }
    if (maxPages < 1 || maxRows < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
