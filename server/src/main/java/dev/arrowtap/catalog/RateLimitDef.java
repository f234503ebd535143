package dev.arrowtap.catalog;

/**
 * A request budget that every query of the server shares: requests per second with a burst, and
 * requests waiting for an answer at once, per host or per table.
 *
 * @param requestsPerSecond the sustained rate, or 0 for no rate limit
 * @param burst requests that may go at once after a quiet time
 * @param maxInFlight requests waiting for an answer at once, or 0 for no bound
 * @param perHost true to share the budget with every table on the same host and port, false for
 *     this table alone
 */
public record RateLimitDef(double requestsPerSecond, int burst, int maxInFlight, boolean perHost) {
  /** No limit: the API's own answers (429, Retry-After) still slow the host down. */
  public static final RateLimitDef NONE = new RateLimitDef(0, 1, 0, true);

  public RateLimitDef {
    if (requestsPerSecond < 0 || burst < 1 || maxInFlight < 0) {
      throw new IllegalArgumentException(
          "rate_limit: requests_per_second and max_in_flight must not be negative, burst at least 1");
    }
  }

  /**
   * Whether {@code processes} processes can each get a share that adds up to no more than this
   * budget: each needs a burst and an in-flight slot of one at least, so a burst (with a rate) or a
   * {@code max_in_flight} smaller than the processes cannot be split.
   */
  public boolean splits(int processes) {
    return processes <= 1
        || ((requestsPerSecond == 0 || burst >= processes)
            && (maxInFlight == 0 || maxInFlight >= processes));
  }

  /**
   * The share of one of {@code processes} processes that read the same feeds (workers); together
   * the shares stay within this budget when it {@link #splits} that many ways.
   */
  public RateLimitDef share(int processes) {
    if (processes <= 1) {
      return this;
    }
    return new RateLimitDef(
        requestsPerSecond / processes,
        Math.max(1, burst / processes),
        maxInFlight == 0 ? 0 : Math.max(1, maxInFlight / processes),
        perHost);
  }
}
