package dev.arrowtap.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * arrowtap's own API on plain and prepared statements alike, reached with {@code
 * statement.unwrap(ArrowtapStatement.class)}. {@code cancel()} and the query timeout stop the query
 * on the engine (every task, on every worker), not just in this client.
 */
public interface ArrowtapStatement extends Statement {
  /** SQLState of a query stopped by {@code cancel()} or its timeout. */
  String QUERY_CANCELED = "57014";

  /** The statement's id on its connection, as in {@code sys.queries.statement_id}. */
  int getId();

  /**
   * The per-task metrics of this statement's last query, one row per task, as in {@code
   * sys.task_metrics}. The same in embedded and remote mode: it is a query on this connection.
   */
  default ResultSet getTaskMetrics() throws SQLException {
    String connectionId = getConnection().unwrap(AvaticaConnection.class).id;
    Statement statement = getConnection().createStatement();
    statement.closeOnCompletion();
    return statement.executeQuery(TaskMetricsQuery.forStatement(connectionId, getId()));
  }
}
