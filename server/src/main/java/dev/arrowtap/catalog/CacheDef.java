package dev.arrowtap.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * A table's response cache: answers kept for a time and within a size, shared by every query of the
 * server. Off unless the catalog turns it on.
 *
 * @param ttl how long an answer is used without asking the API again; zero turns the cache off
 * @param maxBytes the most body bytes the table's cache holds
 */
public record CacheDef(Duration ttl, long maxBytes) {
  /** No cache. */
  public static final CacheDef OFF = new CacheDef(Duration.ZERO, 0);

  public CacheDef {
    Objects.requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || maxBytes < 0) {
      throw new IllegalArgumentException("cache: ttl and max_bytes must not be negative");
    }
  }

  public boolean enabled() {
    return !ttl.isZero() && maxBytes > 0;
  }
}
