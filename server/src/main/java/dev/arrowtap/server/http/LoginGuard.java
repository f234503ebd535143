package dev.arrowtap.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The failed-login rule: after {@value #FREE_FAILURES} failures in a row for one user name or from
 * one client address, that name or address is refused for {@link #FIRST_LOCK}, doubling with each
 * further failure up to {@link #LONGEST_LOCK}; a successful login clears both, and failures older
 * than {@link #FORGET_AFTER} are forgotten.
 */
final class LoginGuard {
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);

  /** Far more names and addresses than one server sees fail in {@link #FORGET_AFTER}. */
  private static final long KEYS_REMEMBERED = 100_000;

  /** One key's failures in a row, the last one's time, and until when the key is refused. */
  private record Failures(int count, Instant last, Instant lockedUntil) {}

  private final Clock clock;
  private final Cache<String, Failures> failures =
      Caffeine.newBuilder().maximumSize(KEYS_REMEMBERED).build();

  LoginGuard(Clock clock) {
    this.clock = clock;
  }

  /** How long a login for this user (null when none was named) from this address must wait. */
  Optional<Duration> lockedFor(String user, String client) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : keys(user, client)) {
      Failures entry = failures.getIfPresent(key);
      if (entry != null && entry.lockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, entry.lockedUntil());
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Counts a failed login; returns the lock it starts, if any. */
  Optional<Duration> failed(String user, String client) {
    Instant now = clock.instant();
    Duration longest = Duration.ZERO;
    for (String key : keys(user, client)) {
      Failures entry =
          failures
              .asMap()
              .compute(
                  key,
                  (k, old) -> {
                    int count =
                        old == null || Duration.between(old.last(), now).compareTo(FORGET_AFTER) > 0
                            ? 1
                            : old.count() + 1;
                    return new Failures(count, now, now.plus(lock(count)));
                  });
      Duration lock = Duration.between(now, entry.lockedUntil());
      longest = lock.compareTo(longest) > 0 ? lock : longest;
    }
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  /** A successful login clears the failures of its user and its address. */
  void succeeded(String user, String client) {
    for (String key : keys(user, client)) {
      failures.invalidate(key);
    }
  }

  /** The lock after {@code count} failures in a row. */
  static Duration lock(int count) {
    if (count < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
  }

  private static String[] keys(String user, String client) {
    return user == null
        ? new String[] {"client:" + client}
        : new String[] {"user:" + user, "client:" + client};
  }
}
