package dev.arrowtap.jdbc;

/** The SQL behind {@link ArrowtapStatement#getTaskMetrics()}, usable by hand as well. */
final class TaskMetricsQuery {
  private TaskMetricsQuery() {}

  /** The tasks of the last query of statement {@code statementId} on connection {@code id}. */
  static String forStatement(String connectionId, int statementId) {
    return "SELECT * FROM sys.task_metrics WHERE query_id = (SELECT max(query_id) FROM sys.queries"
        + " WHERE connection_id = '"
        + connectionId.replace("'", "''")
        + "' AND statement_id = "
        + statementId
        + ") ORDER BY stage, task";
  }
}
