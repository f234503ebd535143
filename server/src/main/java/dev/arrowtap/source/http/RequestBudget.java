package dev.arrowtap.source.http;

import dev.arrowtap.catalog.RateLimitDef;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The request budget of one host (or table) shared by every query of this process: a token bucket
 * for the rate, a count of requests waiting for their answer, and a pause that a 429, a 503 or an
 * exhausted {@code RateLimit-Remaining} imposes on everyone until the API's reset time.
 */
final class RequestBudget {
  private static final long POLL_NANOS = 20_000_000;

  private RateLimitDef limit = RateLimitDef.NONE;
  private double tokens;
  private long refilledAt = System.nanoTime();
  private int inFlight;
  private long pausedUntil;

  /** Takes the catalog's current numbers (the last table to ask sets them for a shared host). */
  synchronized void configure(RateLimitDef newLimit) {
    if (!newLimit.equals(limit)) {
      limit = newLimit;
      tokens = Math.min(tokens, newLimit.burst());
    }
  }

  RequestBudget(RateLimitDef limit) {
    this.limit = limit;
    this.tokens = limit.burst();
  }

  /**
   * Waits until a request may go: a token, a free in-flight slot and no pause.
   *
   * @return nanoseconds waited (0 when the request could go at once, however busy the machine), or
   *     -1 when {@code stopped} said to give up
   */
  long acquire(BooleanSupplier stopped) {
    long start = System.nanoTime();
    boolean waited = false;
    while (true) {
      long wait;
      synchronized (this) {
        wait = waitNanos(System.nanoTime());
        if (wait == 0) {
          if (limit.requestsPerSecond() > 0) {
            tokens -= 1;
          }
          inFlight++;
          // Only a real wait counts: a thread descheduled on a loaded machine is not one.
          return waited ? System.nanoTime() - start : 0;
        }
      }
      if (stopped.getAsBoolean()) {
        return -1;
      }
      waited = true;
      try {
        Thread.sleep(Math.max(1, Math.min(wait, POLL_NANOS) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  /** The request got its answer (or failed): its in-flight slot is free. */
  synchronized void release() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /** The API asked everyone to wait: no request of this budget goes before then. */
  synchronized void pause(Duration delay) {
    pausedUntil = Math.max(pausedUntil, System.nanoTime() + delay.toNanos());
  }

  private long waitNanos(long now) {
    if (pausedUntil - now > 0) {
      return pausedUntil - now;
    }
    if (limit.maxInFlight() > 0 && inFlight >= limit.maxInFlight()) {
      return POLL_NANOS;
    }
    double rate = limit.requestsPerSecond();
    if (rate <= 0) {
      return 0;
    }
    tokens = Math.min(limit.burst(), tokens + (now - refilledAt) * rate / 1e9);
    refilledAt = now;
    if (tokens >= 1) {
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / rate * 1e9);
  }
}
