package dev.arrowtap.source.http;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The time source of the process-wide feed state that ages (cached responses, OAuth2 tokens): the
 * system's nanosecond ticker, which a test replaces to move time instead of sleeping.
 */
final class FeedTicker {
  private static volatile Ticker current = Ticker.systemTicker();

  /** Reads whatever ticker is current, so caches built once follow a replacement too. */
  static final Ticker TICKER = () -> current.read();

  private FeedTicker() {}

  /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime}. */
  static long read() {
    return current.read();
  }

  /** Makes {@code ticker} the time source, for tests; {@link #reset} goes back to the system's. */
  static void use(Ticker ticker) {
    current = ticker;
  }

  static void reset() {
    current = Ticker.systemTicker();
  }
}
