package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryScope;
import dev.arrowtap.metrics.QueryState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.avatica.Meta;

/**
 * Follows each Avatica statement's current query: registers it in the metrics store, makes it the
 * current query of the thread while the engine works for it, counts the rows sent to the client and
 * records how it ended.
 */
final class QueryTracker {
  private static final Logger LOG = Logger.getLogger(ProcessLog.ROOT + ".query");
  private final MetricsStore store;
  private final Secrets secrets;
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Map<String, String> applications = new ConcurrentHashMap<>();
  private final Map<String, String> preparedSql = new ConcurrentHashMap<>();
  private final Map<String, QueryMetrics> running = new ConcurrentHashMap<>();
  private final Map<String, Long> lastFetch = new ConcurrentHashMap<>();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  QueryTracker(MetricsStore store, Secrets secrets) {
    this.store = store;
    this.secrets = secrets;
  }

  void connectionOpened(String connectionId, String user) {
    users.put(connectionId, user == null ? "" : user);
  }

  void connectionClosed(String connectionId) {
    users.remove(connectionId);
    applications.remove(connectionId);
  }

  /** Records the application a client names, shown with its later queries. */
  void applicationNamed(String connectionId, String application) {
    if (application == null || application.isEmpty()) {
      applications.remove(connectionId);
    } else {
      applications.put(connectionId, application);
    }
  }

  void prepared(Meta.StatementHandle h, String sql) {
    preparedSql.put(key(h), sql);
  }

  /** Logs a statement that failed to prepare (a syntax error in a prepared statement). */
  void prepareFailed(String connectionId, String error) {
    if (LOG.isLoggable(Level.WARNING)) {
      String user = users.getOrDefault(connectionId, "");
      LOG.warning(
          LogLine.event("prepare_failed")
              .with("user", user.isEmpty() ? "-" : user)
              .with("error", error)
              .toString());
    }
  }

  String preparedSql(Meta.StatementHandle h) {
    return preparedSql.getOrDefault(key(h), "");
  }

  /** Registers a query that statement {@code h} starts now, ending the previous one. */
  QueryMetrics begin(Meta.StatementHandle h, String sql) {
    QueryMetrics query =
        store.begin(
            sql,
            users.getOrDefault(h.connectionId, ""),
            h.connectionId,
            h.id,
            applications.getOrDefault(h.connectionId, ""));
    lastFetch.put(key(h), System.nanoTime());
    QueryMetrics previous = running.put(key(h), query);
    if (previous != null) {
      previous.finish(QueryState.FINISHED, null);
    }
    return query;
  }

  Optional<QueryMetrics> running(String connectionId, int statementId) {
    return Optional.ofNullable(running.get(connectionId + "/" + statementId));
  }

  void statementClosed(Meta.StatementHandle h) {
    preparedSql.remove(key(h));
    lastFetch.remove(key(h));
    QueryMetrics query = running.remove(key(h));
    if (query != null) {
      // The client closed the result before its end (LIMIT in the client, maxRows, close).
      query.finish(QueryState.FINISHED, null);
    }
  }

  /**
   * Stops every running query because the server stops: each ends CANCELLED with SQLState 57P01,
   * and the client gets that error on its running call or its next fetch. Waits up to {@code grace}
   * for the calls in progress to answer.
   */
  void shutdown(Duration grace, Consumer<QueryMetrics> release) {
    shuttingDown = true;
    for (QueryMetrics query : running.values()) {
      query.cancel();
      String key = query.connectionId() + "/" + query.statementId();
      if (!busy.contains(key)) {
        query.finish(
            QueryState.CANCELLED, ErrorText.of(shutdownError(query).toSqlException(), secrets));
        release.accept(query);
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!busy.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  boolean isShuttingDown() {
    return shuttingDown;
  }

  /** The error a query stopped by the server's shutdown ends with. */
  static ArrowtapException shutdownError(QueryMetrics query) {
    return new ArrowtapException(
        SqlStates.ADMIN_SHUTDOWN,
        "the server is shutting down: query " + query.id() + " was stopped");
  }

  /** The running queries of a connection. */
  List<QueryMetrics> runningOn(String connectionId) {
    String prefix = connectionId + "/";
    return running.entrySet().stream()
        .filter(entry -> entry.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The client closed a statement's result before its end; the statement stays open. */
  void resultClosed(String connectionId, int statementId) {
    String key = connectionId + "/" + statementId;
    lastFetch.remove(key);
    QueryMetrics query = running.remove(key);
    if (query != null) {
      query.finish(QueryState.FINISHED, null);
    }
  }

  /** Runs {@code work} as part of {@code query}; a failure ends the query. */
  <T> T run(QueryMetrics query, Callable<T> work) throws Exception {
    String key = query.connectionId() + "/" + query.statementId();
    busy.add(key);
    try (QueryScope scope = QueryScope.enter(query)) {
      return work.call();
    } catch (Exception | Error e) {
      if (shuttingDown) {
        // Whatever the scan reported (cancelled, or its tasks' threads gone), the cause is this.
        ArrowtapException stopped = shutdownError(query);
        query.finish(QueryState.CANCELLED, ErrorText.of(stopped.toSqlException(), secrets));
        throw stopped;
      }
      Throwable translated = MetaErrors.translate(e);
      String error = ErrorText.of(translated, secrets);
      if (e instanceof VirtualMachineError || error.startsWith(SqlStates.INTERNAL + ":")) {
        // A bug or the JVM in trouble (out of memory): the operator needs where it happened.
        // A user's error (a division by zero failing in a generated class's initializer is an
        // Error too) belongs in the SQLException only, not in a stack trace on the app's stderr.
        LOG.log(
            Level.SEVERE,
            LogLine.event("internal_error")
                .with("query", query.id())
                .with("error", error)
                .toString(),
            e);
      }
      query.finish(query.isCancelled() ? QueryState.CANCELLED : QueryState.FAILED, error);
      throw e;
    } finally {
      // Idle time counts from the moment the engine has answered.
      lastFetch.put(key, System.nanoTime());
      busy.remove(key);
    }
  }

  /** Counts the rows of a frame sent to the client; the last frame ends the query. */
  void sent(QueryMetrics query, Meta.Frame frame) {
    lastFetch.put(query.connectionId() + "/" + query.statementId(), System.nanoTime());
    if (frame == null) {
      query.finish(QueryState.FINISHED, null);
      return;
    }
    long rows = 0;
    for (Object ignored : frame.rows) {
      rows++;
    }
    query.addRows(rows);
    if (frame.done) {
      query.finish(QueryState.FINISHED, null);
    }
  }

  void sent(QueryMetrics query, Meta.ExecuteResult result) {
    for (Meta.MetaResultSet resultSet : result.resultSets) {
      sent(query, resultSet.firstFrame);
    }
  }

  /**
   * Stops queries whose client has not fetched for {@code idle}: a client that went away without
   * closing must not keep tasks, memory and HTTP connections busy.
   *
   * @return how many were stopped
   */
  int stopAbandoned(Duration idle, Consumer<QueryMetrics> release) {
    long now = System.nanoTime();
    int stopped = 0;
    for (Map.Entry<String, QueryMetrics> entry : running.entrySet()) {
      QueryMetrics query = entry.getValue();
      Long last = lastFetch.get(entry.getKey());
      if (query.state() == QueryState.RUNNING
          && !busy.contains(entry.getKey())
          && last != null
          && now - last > idle.toNanos()) {
        query.cancel();
        query.finish(
            QueryState.CANCELLED, SqlStates.QUERY_CANCELED + ": " + abandonedMessage(idle));
        release.accept(query);
        stopped++;
      }
    }
    return stopped;
  }

  static String abandonedMessage(Duration idle) {
    return "query stopped: its client fetched nothing for " + idle.toSeconds() + " s";
  }

  /** Throws a checked exception unchanged from a method that does not declare it. */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // E is inferred as unchecked
  static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  private static String key(Meta.StatementHandle h) {
    return h.connectionId + "/" + h.id;
  }
}
