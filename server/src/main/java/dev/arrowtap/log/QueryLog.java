package dev.arrowtap.log;

import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one line per query as it ends: {@code event=query id user state duration_ms rows requests
 * tasks error}; failed queries at warn, the others at info. The SQL text is left out: it may hold
 * values a user would not want in a log.
 */
public final class QueryLog {
  private static final Logger LOG = Logger.getLogger(ProcessLog.ROOT + ".query");

  private QueryLog() {}

  /** Logs every query of this store from now on. */
  public static void attach(MetricsStore store) {
    store.onFinish(QueryLog::log);
  }

  static void log(QueryMetrics query) {
    Level level = query.state() == QueryState.FAILED ? Level.WARNING : Level.INFO;
    if (!LOG.isLoggable(level)) {
      return;
    }
    LOG.log(
        level,
        LogLine.event("query")
            .with("id", query.id())
            .with("user", query.user().isEmpty() ? "-" : query.user())
            .with("state", query.state())
            .with("duration_ms", query.elapsedMillis())
            .with("rows", query.rows())
            .with("requests", query.httpRequests())
            .with("tasks", query.taskCount())
            .with("error", query.error())
            .toString());
  }
}
