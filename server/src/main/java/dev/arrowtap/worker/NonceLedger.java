package dev.arrowtap.worker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The coordinator nonces a worker has already admitted, so a captured proof admits no second call:
 * each nonce is used once while it is fresh, and forgotten once it is too old to be admitted
 * anyway.
 */
final class NonceLedger {
  private final Cache<String, Boolean> seen;

  /**
   * @param freshness how long a nonce stays fresh; entries are kept twice as long, so the clock
   *     skew allowed in both directions is covered
   * @param capacity the most nonces remembered; past it the ledger refuses new calls rather than
   *     forget a fresh nonce (which would reopen the replay)
   */
  NonceLedger(Duration freshness, long capacity) {
    this.seen =
        Caffeine.newBuilder()
            .expireAfterWrite(freshness.multipliedBy(2))
            .maximumSize(capacity)
            .build();
  }

  /** True the first time {@code nonce} is offered while remembered; false for every replay. */
  boolean firstUse(String nonce) {
    return seen.asMap().putIfAbsent(nonce, Boolean.TRUE) == null;
  }
}
