package dev.arrowtap.exec;

/**
 * The HTTP requests a task or scan is expected to send before it runs.
 *
 * @param requests the requests expected; with {@code known} false, the fewest it can send
 * @param known whether the feed's length was known (a total or a full read seen before, or the
 *     catalog's {@code typical_rows}); false when only the first page can be counted on
 */
public record RequestEstimate(long requests, boolean known) {
  /** A task that sends no HTTP request. */
  public static final RequestEstimate NONE = new RequestEstimate(0, true);

  public RequestEstimate {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must not be negative: " + requests);
    }
  }

  /** Both estimates together: known only when both are. */
  public RequestEstimate plus(RequestEstimate other) {
    return new RequestEstimate(requests + other.requests, known && other.known);
  }

  /** {@code 3}, or {@code >= 3} when the length was not known. */
  @Override
  public String toString() {
    return (known ? "" : ">= ") + requests;
  }
}
