package dev.arrowtap.metrics;

import java.util.Optional;

/**
 * The query the current thread is running for, so that scans started by Calcite's generated code
 * know which query's metrics to fill. Set around each execute and fetch.
 */
public final class QueryScope implements AutoCloseable {
  private static final ThreadLocal<QueryMetrics> CURRENT = new ThreadLocal<>();

  private final QueryMetrics previous;

  private QueryScope(QueryMetrics query) {
    this.previous = CURRENT.get();
    CURRENT.set(query);
  }

  public static QueryScope enter(QueryMetrics query) {
    return new QueryScope(query);
  }

  public static Optional<QueryMetrics> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  @Override
  public void close() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
