package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.MetadataScope;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.metrics.ExplainAnalyzeRenderer;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's view of the engine: statements, result frames and metadata over engine sessions. Each
 * client connection gets its own engine session from whitelisted properties. It also records every
 * query's metrics, answers {@code EXPLAIN ANALYZE} and the driver's {@code CANCEL STATEMENT n}.
 */
public class ArrowtapMeta extends JdbcMeta {
  private static final Pattern EXPLAIN_ANALYZE =
      Pattern.compile(
          "\\s*EXPLAIN\\s+ANALYZE\\s+(.+?)[\\s;]*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CANCEL =
      Pattern.compile("\\s*CANCEL\\s+STATEMENT\\s+(\\d{1,9})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSE_RESULT =
      Pattern.compile("\\s*CLOSE\\s+RESULT\\s+(\\d{1,9})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

  private final ArrowtapEngine engine;
  private final QueryTracker tracker;
  private final Secrets secrets;
  private final ScheduledFuture<?> reaper;

  private static final ScheduledExecutorService REAPER =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "arrowtap-abandoned-queries");
            thread.setDaemon(true);
            return thread;
          });

  public ArrowtapMeta(ArrowtapEngine engine) throws SQLException {
    super("jdbc:arrowtap:engine", cacheSettings());
    this.engine = engine;
    this.secrets = engine.catalog().secrets();
    this.tracker = new QueryTracker(engine.services().metrics(), secrets);
    Duration idle = engine.config().resultIdleTimeout();
    long period = Math.max(100, Math.min(30_000, idle.toMillis() / 4));
    this.reaper =
        REAPER.scheduleWithFixedDelay(
            () -> tracker.stopAbandoned(idle, this::releaseResults),
            period,
            period,
            TimeUnit.MILLISECONDS);
  }

  /** Closes an abandoned query's result set, which frees its scan's memory. */
  private void releaseResults(QueryMetrics query) {
    StatementInfo info = getStatementCache().getIfPresent(query.statementId());
    if (info != null && info.getResultSet() != null) {
      try {
        info.getResultSet().close();
      } catch (SQLException e) {
        // Already closed or broken: either way nothing is left to free.
      }
    }
  }

  /**
   * Begins the server's shutdown: running queries stop with SQLState 57P01 and new work is refused;
   * waits up to {@code grace} for the calls in progress to answer their clients.
   */
  public void shutdown(Duration grace) {
    tracker.shutdown(grace, this::releaseResults);
  }

  private void refuseIfShuttingDown(StatementHandle h) {
    if (tracker.isShuttingDown()) {
      QueryMetrics query = tracker.running(h.connectionId, h.id).orElse(null);
      throw query != null
          ? QueryTracker.shutdownError(query)
          : new ArrowtapException(SqlStates.ADMIN_SHUTDOWN, "the server is shutting down");
    }
  }

  /** Stops watching for abandoned queries; the server calls it when it stops. */
  public void close() {
    reaper.cancel(false);
  }

  /**
   * Idle BI sessions keep their connections for a working day; Avatica's defaults (10 and 5
   * minutes) break a DBeaver window left open over lunch.
   */
  private static Properties cacheSettings() {
    Properties properties = new Properties();
    properties.setProperty("avatica.connectioncache.expiryduration", "12");
    properties.setProperty("avatica.connectioncache.expiryunit", "HOURS");
    properties.setProperty("avatica.statementcache.expiryduration", "12");
    properties.setProperty("avatica.statementcache.expiryunit", "HOURS");
    return properties;
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    Map<String, String> properties = new HashMap<>();
    for (String name : info.stringPropertyNames()) {
      properties.put(name, info.getProperty(name));
    }
    return ArrayParameters.wrap(engine.connect(properties));
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> withId = new HashMap<>(info == null ? Map.of() : info);
    withId.put(ArrowtapEngine.CONNECTION_ID, ch.id);
    // Set here only, never by a client: whose queries the sys tables show this session.
    withId.remove(ArrowtapEngine.VISIBLE_USER);
    RequestUser.visibleUser().ifPresent(user -> withId.put(ArrowtapEngine.VISIBLE_USER, user));
    super.openConnection(ch, withId);
    // The user who logged in, where the server has a login; else what the client says.
    String user = RequestUser.current().orElse(info == null ? null : info.get("user"));
    tracker.connectionOpened(ch.id, user);
  }

  /**
   * Closing a connection stops its running queries at once: Calcite does not close the result sets
   * of a connection it closes, so their tasks and HTTP requests would run on until the idle reaper.
   */
  @Override
  public void closeConnection(ConnectionHandle ch) {
    for (QueryMetrics query : tracker.runningOn(ch.id)) {
      releaseResults(query);
      tracker.resultClosed(ch.id, query.statementId());
    }
    tracker.connectionClosed(ch.id);
    super.closeConnection(ch);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    if (EXPLAIN_ANALYZE.matcher(sql).matches()
        || CANCEL.matcher(sql).matches()
        || CLOSE_RESULT.matcher(sql).matches()) {
      throw new ArrowtapException(
          SqlStates.SYNTAX_OR_ACCESS_RULE,
          "EXPLAIN ANALYZE and CANCEL STATEMENT run with Statement.execute, not prepareStatement");
    }
    StatementHandle h;
    try {
      h = super.prepare(ch, sql, maxRowCount);
    } catch (RuntimeException e) {
      // Not a query yet, so no sys.queries row: the log is where an operator sees it.
      tracker.prepareFailed(ch.id, ErrorText.of(MetaErrors.translate(e), secrets));
      throw e;
    }
    tracker.prepared(h, sql);
    return h;
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    refuseIfShuttingDown(h);
    Matcher analyze = EXPLAIN_ANALYZE.matcher(sql);
    if (analyze.matches()) {
      return explainAnalyze(h, sql, analyze.group(1));
    }
    Matcher cancel = CANCEL.matcher(sql);
    if (cancel.matches()) {
      return cancel(h, sql, Integer.parseInt(cancel.group(1)));
    }
    Matcher closeResult = CLOSE_RESULT.matcher(sql);
    if (closeResult.matches()) {
      return closeResult(h, sql, Integer.parseInt(closeResult.group(1)));
    }
    QueryMetrics query = tracker.begin(h, sql);
    ExecuteResult result =
        tracked(
            query,
            () -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback));
    tracker.sent(query, result);
    return result;
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    refuseIfShuttingDown(h);
    QueryMetrics query = tracker.begin(h, tracker.preparedSql(h));
    ExecuteResult result =
        tracked(query, () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
    tracker.sent(query, result);
    return result;
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    try (MetadataScope scope = MetadataScope.enter()) {
      return super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
    }
  }

  @Override
  public MetaResultSet getTables(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      List<String> typeList) {
    try (MetadataScope scope = MetadataScope.enter()) {
      return super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    refuseIfShuttingDown(h);
    QueryMetrics query = tracker.running(h.connectionId, h.id).orElse(null);
    if (query != null && query.state() == QueryState.CANCELLED && query.isCancelled()) {
      String error = query.error() == null ? "query cancelled" : query.error();
      // The kept error starts with its SQLState; the client gets that apart.
      throw new ArrowtapException(
          SqlStates.QUERY_CANCELED, error.replaceFirst("^" + SqlStates.QUERY_CANCELED + ": ", ""));
    }
    if (query == null) {
      return super.fetch(h, offset, fetchMaxRowCount);
    }
    Frame frame = tracked(query, () -> super.fetch(h, offset, fetchMaxRowCount));
    tracker.sent(query, frame);
    return frame;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    tracker.statementClosed(h);
    super.closeStatement(h);
  }

  /** Runs the query to its end, then answers with its plan and per-stage, per-task metrics. */
  private ExecuteResult explainAnalyze(StatementHandle h, String sql, String inner) {
    QueryMetrics query = tracker.begin(h, inner);
    try {
      Connection connection = getConnection(h.connectionId);
      String plan = firstColumn(connection, "EXPLAIN PLAN FOR " + inner);
      tracked(query, () -> drain(connection, inner, query));
      query.finish(QueryState.FINISHED, null);
      return TextResult.of(h, sql, "PLAN", ExplainAnalyzeRenderer.render(query, plan));
    } catch (SQLException e) {
      query.finish(QueryState.FAILED, ErrorText.of(MetaErrors.translate(e), secrets));
      throw new IllegalStateException(e);
    }
  }

  private static Void drain(Connection connection, String sql, QueryMetrics query)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      long rows = 0;
      while (rs.next()) {
        rows++;
      }
      query.addRows(rows);
    }
    return null;
  }

  private static String firstColumn(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
      return out.toString();
    }
  }

  /** Stops the running query of another statement on the same connection. */
  private ExecuteResult cancel(StatementHandle h, String sql, int statementId) {
    QueryMetrics query = tracker.running(h.connectionId, statementId).orElse(null);
    boolean cancelled = query != null && query.state() == QueryState.RUNNING;
    if (cancelled) {
      query.cancel();
    }
    return TextResult.of(h, sql, "cancelled", List.of(String.valueOf(cancelled)));
  }

  /**
   * The driver's {@code CLOSE RESULT n}, sent when a client closes a result set it has not read to
   * its end: closes statement n's result on this connection, which stops its tasks and requests.
   */
  private ExecuteResult closeResult(StatementHandle h, String sql, int statementId) {
    QueryMetrics query = tracker.running(h.connectionId, statementId).orElse(null);
    boolean closed = query != null && query.state() == QueryState.RUNNING;
    if (closed) {
      releaseResults(query);
      tracker.resultClosed(h.connectionId, statementId);
    }
    return TextResult.of(h, sql, "closed", List.of(String.valueOf(closed)));
  }

  /**
   * Runs Meta work as part of a query. Checked exceptions (such as Avatica's
   * NoSuchStatementException, which clients react to by type) pass through unchanged.
   */
  private <T> T tracked(QueryMetrics query, Callable<T> work) {
    try {
      return tracker.run(query, work);
    } catch (Exception e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
  }
}
