package dev.arrowtap.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One query's budget of HTTP requests ({@code max_requests}), shared by all its tasks in this
 * process: each request claims one before it leaves, and the claim that would pass the budget is
 * refused, so the request is never sent.
 */
public final class RequestAllowance {
  private final long max;
  private final AtomicLong claimed = new AtomicLong();
  private final AtomicLong estimate = new AtomicLong();

  /**
   * @param max the most requests the query may send
   */
  public RequestAllowance(long max) {
    if (max < 0) {
      throw new IllegalArgumentException("max_requests must not be negative: " + max);
    }
    this.max = max;
  }

  /** Claims one request; false, and nothing claimed, when the budget is spent. */
  public boolean claim() {
    while (true) {
      long now = claimed.get();
      if (now >= max) {
        return false;
      }
      if (claimed.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Adds a scan's estimated requests to the query's, for the refusal's message. */
  public void addEstimate(long requests) {
    if (requests > 0) {
      estimate.addAndGet(requests);
    }
  }

  public long max() {
    return max;
  }

  /** Requests claimed so far. */
  public long claimed() {
    return claimed.get();
  }

  /** The query's estimated requests, as its scans declared them; 0 when unknown. */
  public long estimate() {
    return estimate.get();
  }
}
