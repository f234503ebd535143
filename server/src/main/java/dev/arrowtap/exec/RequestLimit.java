package dev.arrowtap.exec;

/**
 * The requests a scan is expected to send and the budget it runs under: this scan's estimate
 * (EXPLAIN ANALYZE shows it beside the requests sent) and the query's {@code max_requests}.
 *
 * @param maxRequests the most requests the whole query may send, or -1 for no budget
 * @param estimate this scan's estimated requests, or -1 when unknown
 */
public record RequestLimit(long maxRequests, long estimate) {
  public RequestLimit {
    if (maxRequests < -1) {
      throw new IllegalArgumentException("maxRequests must be -1 (none) or more: " + maxRequests);
    }
  }
}
