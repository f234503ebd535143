package dev.arrowtap.server.flightsql;

import dev.arrowtap.metrics.QueryMetrics;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A statement a Flight SQL client prepared, explicitly or by asking for a query's flight info: its
 * session, its engine statement, the parameters last bound and the query it is running, if any.
 */
final class OpenStatement {
  private final int id;
  private final String sql;
  private final boolean prepared;
  private final SessionPool.Session session;
  private final PreparedStatement statement;
  private final Schema resultSchema;
  private final Schema parameterSchema;
  private volatile List<Object> parameters = List.of();
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile QueryMetrics running;
  private volatile long lastUsedNanos = System.nanoTime();

  OpenStatement(
      int id,
      String sql,
      boolean prepared,
      SessionPool.Session session,
      PreparedStatement statement,
      Schema resultSchema,
      Schema parameterSchema) {
    this.id = id;
    this.sql = Objects.requireNonNull(sql, "sql is null");
    this.prepared = prepared;
    this.session = Objects.requireNonNull(session, "session is null");
    this.statement = Objects.requireNonNull(statement, "statement is null");
    this.resultSchema = Objects.requireNonNull(resultSchema, "resultSchema is null");
    this.parameterSchema = Objects.requireNonNull(parameterSchema, "parameterSchema is null");
  }

  /** Claims a query's statement for the one stream that reads its results; false if taken. */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  int id() {
    return id;
  }

  String sql() {
    return sql;
  }

  /** Prepared by the client (kept until it closes it), or one query's (gone once it ran). */
  boolean prepared() {
    return prepared;
  }

  SessionPool.Session session() {
    return session;
  }

  String user() {
    return session.user();
  }

  PreparedStatement statement() {
    return statement;
  }

  Schema resultSchema() {
    return resultSchema;
  }

  Schema parameterSchema() {
    return parameterSchema;
  }

  List<Object> parameters() {
    return parameters;
  }

  void bind(List<Object> values) {
    parameters = new ArrayList<>(values);
  }

  QueryMetrics running() {
    return running;
  }

  void running(QueryMetrics query) {
    running = query;
    touch();
  }

  void touch() {
    lastUsedNanos = System.nanoTime();
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  /** Closes the engine statement (which stops a running scan). */
  void closeStatement() {
    try {
      statement.close();
    } catch (SQLException | RuntimeException e) {
      // Closing anyway: a statement that fails to close has nothing more to give back.
    }
  }
}
