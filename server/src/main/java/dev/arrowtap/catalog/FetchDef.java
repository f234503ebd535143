package dev.arrowtap.catalog;

/**
 * How fast and how often a feed may be read: requests at once, as declared in the catalog.
 *
 * @param concurrency requests one scan of the table may have in flight at once: pages of the offset
 *     and page styles, and values of its parameters
 */
public record FetchDef(int concurrency) {
  /** Four requests at once. */
  public static final FetchDef DEFAULTS = new FetchDef(4);

  /** The most a table may declare; more would only queue on the connection pool. */
  public static final int MAX_CONCURRENCY = 64;

  public FetchDef {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be between 1 and " + MAX_CONCURRENCY + ": " + concurrency);
    }
  }
}
