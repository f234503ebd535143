package dev.arrowtap.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arrowtap.metrics.SourceLength;
import java.time.Duration;

/**
 * What one engine's tasks learned of their sources' lengths ({@link TaskSpec#lengthKey}), for the
 * request estimates of later plans. Each engine holds its own, so engines in one JVM, and tests,
 * never see each other's; a few thousand sources are kept, each for a day at most, since a feed's
 * length drifts.
 */
public final class SourceLengths {
  private static final int MAX_SOURCES = 4096;

  private final Cache<String, SourceLength> seen =
      Caffeine.newBuilder().maximumSize(MAX_SOURCES).expireAfterWrite(Duration.ofDays(1)).build();

  /** What was learned of the source {@code key}, or null. */
  public SourceLength get(String key) {
    return seen.getIfPresent(key);
  }

  /** Adds what a task learned of its source to what earlier tasks did. */
  public void learn(String key, SourceLength length) {
    seen.asMap().merge(key, length, SourceLength::merge);
  }
}
