package dev.arrowtap.exec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters one task updates while it runs; read at any time, so they survive LIMIT, cancel and
 * failure.
 */
public final class TaskMetrics {
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong arrowBytes = new AtomicLong();
  private final AtomicLong httpRequests = new AtomicLong();
  private final AtomicLong httpBytes = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public void addBatch(int batchRows, long bytes) {
    rows.addAndGet(batchRows);
    batches.incrementAndGet();
    arrowBytes.addAndGet(bytes);
  }

  public void addHttpRequest(long bytes) {
    httpRequests.incrementAndGet();
    httpBytes.addAndGet(bytes);
  }

  public void addHttpBytes(long bytes) {
    httpBytes.addAndGet(bytes);
  }

  public void addRetry() {
    retries.incrementAndGet();
  }

  public long rows() {
    return rows.get();
  }

  public long batches() {
    return batches.get();
  }

  public long arrowBytes() {
    return arrowBytes.get();
  }

  public long httpRequests() {
    return httpRequests.get();
  }

  public long httpBytes() {
    return httpBytes.get();
  }

  public long retries() {
    return retries.get();
  }
}
