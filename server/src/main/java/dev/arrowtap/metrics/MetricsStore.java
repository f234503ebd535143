package dev.arrowtap.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The metrics of the last queries of one engine; the oldest are dropped beyond the retention. */
public final class MetricsStore {
  private final int retention;
  private final AtomicLong ids = new AtomicLong();
  private final Deque<QueryMetrics> queries = new ArrayDeque<>();

  public MetricsStore(int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1: " + retention);
    }
    this.retention = retention;
  }

  /** Registers a query that starts now. */
  public QueryMetrics begin(String sql, String user, String connectionId, int statementId) {
    return begin(sql, user, connectionId, statementId, "");
  }

  /** Registers a query that starts now, for a client that named its application. */
  public QueryMetrics begin(
      String sql, String user, String connectionId, int statementId, String application) {
    QueryMetrics query =
        new QueryMetrics(ids.incrementAndGet(), sql, user, connectionId, statementId, application);
    synchronized (queries) {
      queries.addLast(query);
      while (queries.size() > retention) {
        queries.removeFirst();
      }
    }
    return query;
  }

  /** The retained queries, oldest first. */
  public List<QueryMetrics> queries() {
    synchronized (queries) {
      return new ArrayList<>(queries);
    }
  }

  public Optional<QueryMetrics> find(long id) {
    return queries().stream().filter(query -> query.id() == id).findFirst();
  }

  /** The latest query run by a statement of a connection. */
  public Optional<QueryMetrics> latest(String connectionId, int statementId) {
    List<QueryMetrics> all = queries();
    for (int i = all.size() - 1; i >= 0; i--) {
      QueryMetrics query = all.get(i);
      if (query.statementId() == statementId && query.connectionId().equals(connectionId)) {
        return Optional.of(query);
      }
    }
    return Optional.empty();
  }

  public int retention() {
    return retention;
  }
}
