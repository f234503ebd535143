package dev.arrowtap.source.http;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that moves only when told, installed as the {@link FeedTicker} while a test runs: the
 * test advances it past a TTL instead of sleeping.
 */
final class MovableTicker implements Ticker, AutoCloseable {
  // Starts at the system's reading so that entries made before it do not jump.
  private final AtomicLong nanos = new AtomicLong(System.nanoTime());

  private MovableTicker() {}

  /** A ticker installed as the feeds' time source until {@link #close}. */
  static MovableTicker install() {
    MovableTicker ticker = new MovableTicker();
    FeedTicker.use(ticker);
    return ticker;
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long read() {
    return nanos.get();
  }

  @Override
  public void close() {
    FeedTicker.reset();
  }
}
