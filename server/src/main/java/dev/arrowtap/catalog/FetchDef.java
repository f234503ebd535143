package dev.arrowtap.catalog;

import java.util.Objects;

/**
 * How fast and how often a feed may be read, as declared in the catalog.
 *
 * @param concurrency requests one scan of the table may have in flight at once: pages of the offset
 *     and page styles, and values of its parameters
 * @param rateLimit the budget all queries of the server share
 * @param cache the table's response cache
 * @param typicalRows the records a full read of the feed usually returns, as the catalog declares
 *     it ({@code typical_rows}) for the request estimate; -1 when not declared
 */
public record FetchDef(int concurrency, RateLimitDef rateLimit, CacheDef cache, long typicalRows) {
  /** Four requests at once, no rate limit, no cache. */
  public static final FetchDef DEFAULTS = new FetchDef(4, RateLimitDef.NONE, CacheDef.OFF);

  /** A feed whose typical size is not declared. */
  public FetchDef(int concurrency, RateLimitDef rateLimit, CacheDef cache) {
    this(concurrency, rateLimit, cache, -1);
  }

  /** The most a table may declare; more would only queue on the connection pool. */
  public static final int MAX_CONCURRENCY = 64;

  public FetchDef {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be between 1 and " + MAX_CONCURRENCY + ": " + concurrency);
    }
    Objects.requireNonNull(rateLimit, "rateLimit is null");
    Objects.requireNonNull(cache, "cache is null");
    if (typicalRows < -1) {
      throw new IllegalArgumentException("typical_rows must not be negative: " + typicalRows);
    }
  }

  /** As one of {@code processes} processes' share of the rate limit. */
  public FetchDef share(int processes) {
    return new FetchDef(concurrency, rateLimit.share(processes), cache, typicalRows);
  }
}
