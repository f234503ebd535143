package dev.arrowtap.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The metrics of the last queries of one engine; the oldest are dropped beyond the retention. */
public final class MetricsStore {
  private final int retention;
  private final AtomicLong ids = new AtomicLong();
  private final Deque<QueryMetrics> queries = new ArrayDeque<>();
  private final List<Consumer<QueryMetrics>> listeners = new CopyOnWriteArrayList<>();
  private final ApiUsage apiUsage = new ApiUsage();

  public MetricsStore(int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1: " + retention);
    }
    this.retention = retention;
  }

  /** What this engine's queries have cost each API since it started. */
  public ApiUsage apiUsage() {
    return apiUsage;
  }

  /** Registers a query that starts now. */
  public QueryMetrics begin(String sql, String user, String connectionId, int statementId) {
    return begin(sql, user, connectionId, statementId, "");
  }

  /** Registers a query that starts now, for a client that named its application. */
  public QueryMetrics begin(
      String sql, String user, String connectionId, int statementId, String application) {
    QueryMetrics query =
        new QueryMetrics(
            ids.incrementAndGet(),
            sql,
            user,
            connectionId,
            statementId,
            application,
            this::finished);
    synchronized (queries) {
      queries.addLast(query);
      while (queries.size() > retention) {
        queries.removeFirst();
      }
    }
    return query;
  }

  /** Calls {@code listener} with each query as it ends (the server's log uses this). */
  public void onFinish(Consumer<QueryMetrics> listener) {
    listeners.add(listener);
  }

  private void finished(QueryMetrics query) {
    for (Consumer<QueryMetrics> listener : listeners) {
      listener.accept(query);
    }
  }

  /** The queries running now. */
  public List<QueryMetrics> running() {
    return queries().stream().filter(query -> query.state() == QueryState.RUNNING).toList();
  }

  /** The retained queries, oldest first. */
  public List<QueryMetrics> queries() {
    synchronized (queries) {
      return new ArrayList<>(queries);
    }
  }

  /** The retained queries of {@code user}, or every one when empty. */
  public List<QueryMetrics> visibleTo(Optional<String> user) {
    List<QueryMetrics> all = queries();
    return user.isEmpty()
        ? all
        : all.stream().filter(query -> query.user().equals(user.get())).toList();
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
