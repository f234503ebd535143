package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.common.MetadataScope;
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

  private final ArrowtapEngine engine;
  private final QueryTracker tracker;
  private final ScheduledFuture<?> reaper;

  private static final ScheduledExecutorService REAPER =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("arrowtap-abandoned-queries"));

  public ArrowtapMeta(ArrowtapEngine engine) throws SQLException {
    super("jdbc:arrowtap:engine", cacheSettings());
    this.engine = engine;
    this.tracker = new QueryTracker(engine.services().metrics());
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
    super.openConnection(ch, withId);
    // The user who logged in, where the server has a login; else what the client says.
    String user = RequestUser.current().orElse(info == null ? null : info.get("user"));
    tracker.connectionOpened(ch.id, user);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    tracker.connectionClosed(ch.id);
    super.closeConnection(ch);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    if (EXPLAIN_ANALYZE.matcher(sql).matches() || CANCEL.matcher(sql).matches()) {
      throw new ArrowtapException(
          SqlStates.SYNTAX_OR_ACCESS_RULE,
          "EXPLAIN ANALYZE and CANCEL STATEMENT run with Statement.execute, not prepareStatement");
    }
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
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
    Matcher analyze = EXPLAIN_ANALYZE.matcher(sql);
    if (analyze.matches()) {
      return explainAnalyze(h, sql, analyze.group(1));
    }
    Matcher cancel = CANCEL.matcher(sql);
    if (cancel.matches()) {
      return cancel(h, sql, Integer.parseInt(cancel.group(1)));
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
    QueryMetrics query = tracker.running(h.connectionId, h.id).orElse(null);
    if (query != null && query.state() == QueryState.CANCELLED && query.isCancelled()) {
      throw new ArrowtapException(
          SqlStates.QUERY_CANCELED, query.error() == null ? "query cancelled" : query.error());
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
      query.finish(QueryState.FAILED, e.getMessage());
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
