package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.common.MetadataScope;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.PostgresSyntax;
import dev.arrowtap.metrics.ExplainAnalyzeRenderer;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
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

  /** PostgreSQL's way to name the application; the driver sends it for setClientInfo. */
  private static final Pattern APPLICATION_NAME =
      Pattern.compile(
          "\\s*SET\\s+application_name\\s*(?:=|TO)\\s*'((?:[^']|'')*)'\\s*;?\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /**
   * The driver's way to reach metadata that Avatica's protocol does not carry (functions, keys):
   * {@code ARROWTAP METADATA FUNCTIONS 'schema pattern' 'name pattern'}; NULL for no pattern.
   */
  private static final Pattern METADATA =
      Pattern.compile(
          "\\s*ARROWTAP\\s+METADATA\\s+(FUNCTIONS|FUNCTION_COLUMNS|KEYS)"
              + "((?:\\s+(?:NULL|'(?:[^']|'')*'))*)\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern METADATA_ARGUMENT = Pattern.compile("NULL|'((?:[^']|'')*)'");

  /** Longest application name kept: it is a label, not a place to store data. */
  private static final int APPLICATION_NAME_LIMIT = 256;

  /** Rows per frame for a client that asks for frames of 0 rows, the driver's own default. */
  private static final int DEFAULT_FRAME_ROWS = 10_000;

  private static final Pattern CANCEL =
      Pattern.compile("\\s*CANCEL\\s+STATEMENT\\s+(\\d{1,9})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSE_RESULT =
      Pattern.compile("\\s*CLOSE\\s+RESULT\\s+(\\d{1,9})\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

  private final ArrowtapEngine engine;
  private final QueryTracker tracker;
  private final EngineMetadata engineMetadata = new EngineMetadata(ArrowtapMeta::columnsOf);
  private final Secrets secrets;
  private final ScheduledFuture<?> reaper;

  /** The {@code java.sql.Types} of each prepared statement's parameters (connection/statement). */
  private final Map<String, List<Integer>> parameterTypes = new ConcurrentHashMap<>();

  /** Prepared EXPLAIN ANALYZE statements (connection/statement) and the query each analyzes. */
  private final Map<String, String> explainAnalyzed = new ConcurrentHashMap<>();

  /** The engine statement of a JdbcMeta statement, whose field Avatica keeps package-private. */
  private static final VarHandle STATEMENT;

  static {
    try {
      STATEMENT =
          MethodHandles.privateLookupIn(StatementInfo.class, MethodHandles.lookup())
              .findVarHandle(StatementInfo.class, "statement", Statement.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final ScheduledExecutorService REAPER =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("arrowtap-abandoned-queries"));

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

  /**
   * Closes a query's result set, which frees its scan's memory: an abandoned query's, and a failed
   * one's, whose result the engine may have opened (its scan started) before the failure.
   */
  private void releaseResults(QueryMetrics query) {
    StatementInfo info = getStatementCache().getIfPresent(query.statementId());
    if (info == null) {
      return;
    }
    close(info.getResultSet());
    try {
      close(((Statement) STATEMENT.get(info)).getResultSet());
    } catch (SQLException | RuntimeException e) {
      // The statement is closed: so are its results.
    }
  }

  private static void close(ResultSet resultSet) {
    if (resultSet != null) {
      try {
        resultSet.close();
      } catch (SQLException | RuntimeException e) {
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

  /** Stops watching for abandoned queries and closes every session; the server calls it last. */
  public void close() {
    reaper.cancel(false);
    // Closing the sessions closes their open results, so their scans give back their memory
    // before the engine checks that none is left.
    for (StatementInfo info : getStatementCache().asMap().values()) {
      try {
        if (info.getResultSet() != null) {
          info.getResultSet().close();
        }
      } catch (SQLException | RuntimeException e) {
        // Stopping anyway: a result that fails to close has nothing more to give back.
      }
    }
    getStatementCache().invalidateAll();
    for (Connection connection : getConnectionCache().asMap().values()) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException e) {
        // Stopping anyway: a session that fails to close has nothing more to give back.
      }
    }
    getConnectionCache().invalidateAll();
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
    Connection connection = engine.connect(properties);
    // A read-only source has nothing to commit: every statement stands on its own, as a BI
    // tool expects from a new connection.
    connection.setAutoCommit(true);
    connection.setReadOnly(true);
    return ArrayParameters.wrap(connection);
  }

  /** Keeps the session read-only whatever the client asks; other settings apply as usual. */
  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    if (connProps.isReadOnly() != null) {
      connProps.setReadOnly(true);
    }
    return super.connectionSync(ch, connProps);
  }

  /** Nothing to commit on a read-only source: succeeds once the connection is known. */
  @Override
  public void commit(ConnectionHandle ch) {
    requireConnection(ch);
  }

  /** Nothing to roll back on a read-only source: succeeds once the connection is known. */
  @Override
  public void rollback(ConnectionHandle ch) {
    requireConnection(ch);
  }

  private void requireConnection(ConnectionHandle ch) {
    try {
      getConnection(ch.id);
    } catch (SQLException e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
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
    if (info != null) {
      String application = info.getOrDefault("ApplicationName", info.get("application_name"));
      tracker.applicationNamed(ch.id, applicationName(application));
    }
  }

  private static String applicationName(String value) {
    if (value == null) {
      return null;
    }
    return value.length() > APPLICATION_NAME_LIMIT
        ? value.substring(0, APPLICATION_NAME_LIMIT)
        : value;
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
    parameterTypes.keySet().removeIf(key -> key.startsWith(ch.id + "/"));
    super.closeConnection(ch);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    if (CANCEL.matcher(sql).matches()
        || CLOSE_RESULT.matcher(sql).matches()
        || APPLICATION_NAME.matcher(sql).matches()) {
      throw new ArrowtapException(
          SqlStates.SYNTAX_OR_ACCESS_RULE,
          "CANCEL STATEMENT and SET application_name run with Statement.execute, not"
              + " prepareStatement");
    }
    Matcher analyze = EXPLAIN_ANALYZE.matcher(sql);
    String inner = analyze.matches() ? analyze.group(1) : sql;
    ReadOnlyStatements.check(inner);
    StatementHandle h;
    try {
      h = super.prepare(ch, typedArrays(ch, PostgresSyntax.rewrite(inner)), maxRowCount);
    } catch (RuntimeException e) {
      // Not a query yet, so no sys.queries row: the log is where an operator sees it.
      tracker.prepareFailed(ch.id, ErrorText.of(MetaErrors.translate(e), secrets));
      throw e;
    }
    tracker.prepared(h, inner);
    parameterTypes.put(
        h.connectionId + "/" + h.id,
        h.signature.parameters.stream().map(p -> p.parameterType).toList());
    if (analyze.matches()) {
      // Executes as EXPLAIN ANALYZE of the prepared query, with its parameters.
      explainAnalyzed.put(h.connectionId + "/" + h.id, inner);
      h.signature = TextResult.signature(sql, "PLAN", h.signature.parameters);
    }
    return h;
  }

  private String typedArrays(ConnectionHandle ch, String sql) {
    try {
      return UnnestParameters.typed(getConnection(ch.id), sql);
    } catch (SQLException e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
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
    Matcher metadataCall = METADATA.matcher(sql);
    if (metadataCall.matches()) {
      return metadataStatement(h, metadataCall.group(1), metadataArguments(metadataCall.group(2)));
    }
    Matcher application = APPLICATION_NAME.matcher(sql);
    if (application.matches()) {
      requireConnection(new ConnectionHandle(h.connectionId));
      String name = applicationName(application.group(1).replace("''", "'"));
      tracker.applicationNamed(h.connectionId, name);
      return TextResult.of(h, sql, "application_name", List.of(name));
    }
    ReadOnlyStatements.check(sql);
    QueryMetrics query = tracker.begin(h, sql);
    String standard = PostgresSyntax.rewrite(sql);
    int firstFrame = firstFrameRows(maxRowsInFirstFrame);
    ExecuteResult result =
        tracked(
            query, () -> super.prepareAndExecute(h, standard, maxRowCount, firstFrame, callback));
    tracker.sent(query, result);
    return result;
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    refuseIfShuttingDown(h);
    String analyzed = explainAnalyzed.get(h.connectionId + "/" + h.id);
    if (analyzed != null) {
      return explainAnalyze(h, h.signature.sql, analyzed, parameterValues);
    }
    QueryMetrics query = tracker.begin(h, tracker.preparedSql(h));
    int firstFrame = firstFrameRows(maxRowsInFirstFrame);
    ExecuteResult result =
        tracked(
            query,
            () -> super.execute(h, ExactTimes.carry(converted(h, parameterValues)), firstFrame));
    tracker.sent(query, result);
    return result;
  }

  /** The parameters converted to the types of the statement's {@code ?} (see BoundParameters). */
  private List<TypedValue> converted(StatementHandle h, List<TypedValue> parameterValues) {
    return BoundParameters.convert(
        parameterValues, parameterTypes.get(h.connectionId + "/" + h.id));
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    try (MetadataScope scope = MetadataScope.enter()) {
      return metadata(
          ch,
          connection ->
              inCatalog(
                  catalog,
                  engineMetadata.columns(
                      connection, schemaPattern.s, tableNamePattern.s, columnNamePattern.s)));
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
      return metadata(
          ch,
          connection ->
              inCatalog(
                  catalog,
                  engineMetadata.tables(
                      connection, schemaPattern.s, tableNamePattern.s, typeList)));
    }
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return metadata(ch, connection -> engineMetadata.schemas(connection, schemaPattern.s));
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return metadata(ch, engineMetadata::catalogs);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return metadata(ch, engineMetadata::tableTypes);
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return metadata(ch, engineMetadata::typeInfo);
  }

  @Override
  public MetaResultSet getFunctions(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
    return metadata(
        ch,
        connection -> engineMetadata.functions(connection, schemaPattern.s, functionNamePattern.s));
  }

  @Override
  public MetaResultSet getFunctionColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat functionNamePattern,
      Pat columnNamePattern) {
    return metadata(
        ch,
        connection ->
            engineMetadata.functionColumns(
                connection, schemaPattern.s, functionNamePattern.s, columnNamePattern.s));
  }

  @Override
  public MetaResultSet getImportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return metadata(ch, connection -> EngineMetadata.keys());
  }

  @Override
  public MetaResultSet getExportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return metadata(ch, connection -> EngineMetadata.keys());
  }

  @Override
  public MetaResultSet getCrossReference(
      ConnectionHandle ch,
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable) {
    return metadata(ch, connection -> EngineMetadata.keys());
  }

  private ExecuteResult metadataStatement(StatementHandle h, String kind, List<String> arguments) {
    String schema = arguments.size() > 0 ? arguments.get(0) : null;
    String name = arguments.size() > 1 ? arguments.get(1) : null;
    String column = arguments.size() > 2 ? arguments.get(2) : null;
    try {
      Connection connection = getConnection(h.connectionId);
      MetadataRows rows =
          switch (kind.toUpperCase(Locale.ROOT)) {
            case "FUNCTIONS" -> engineMetadata.functions(connection, schema, name);
            case "FUNCTION_COLUMNS" ->
                engineMetadata.functionColumns(connection, schema, name, column);
            default -> EngineMetadata.keys();
          };
      MetaResultSet result = rows.toResult(h.connectionId, h.id);
      h.signature = result.signature;
      return new ExecuteResult(List.of(result));
    } catch (SQLException e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
  }

  private static List<String> metadataArguments(String text) {
    List<String> arguments = new ArrayList<>();
    Matcher matcher = METADATA_ARGUMENT.matcher(text == null ? "" : text);
    while (matcher.find()) {
      arguments.add(matcher.group(1) == null ? null : matcher.group(1).replace("''", "'"));
    }
    return arguments;
  }

  /**
   * The rows, or none when the caller names a catalog: arrowtap's tables belong to no catalog
   * ({@code TABLE_CAT} is null), so only a null (any) or empty ("none") catalog matches them.
   */
  private static MetadataRows inCatalog(String catalog, MetadataRows rows) {
    if (catalog == null || catalog.isEmpty()) {
      return rows;
    }
    return new MetadataRows(rows.columns());
  }

  /** A metadata answer computed in memory on the session's engine connection. */
  private MetaResultSet metadata(ConnectionHandle ch, MetadataCall call) {
    try {
      MetadataRows rows = call.rows(getConnection(ch.id));
      return rows.toResult(ch.id, getStatementIdGenerator().getAndIncrement());
    } catch (SQLException e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
  }

  /** One DatabaseMetaData call on an engine connection. */
  private interface MetadataCall {
    MetadataRows rows(Connection connection) throws SQLException;
  }

  private static List<ColumnMetaData> columnsOf(ResultSetMetaData metaData) {
    try {
      return columns(metaData);
    } catch (SQLException e) {
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
  }

  /**
   * A client's fetch size of 0 is JDBC's "no hint" (Spark sends it); Avatica would answer with an
   * empty first frame marked done, a query that silently returns no rows. It gets frames of the
   * default size instead.
   */
  private static int firstFrameRows(int requested) {
    return requested == 0 ? -1 : requested;
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int requestedRows)
      throws NoSuchStatementException, MissingResultsException {
    refuseIfShuttingDown(h);
    // 0 is "no hint" here too: a frame of 0 rows would end the result (see firstFrameRows).
    int fetchMaxRowCount = requestedRows == 0 ? DEFAULT_FRAME_ROWS : requestedRows;
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
    explainAnalyzed.remove(h.connectionId + "/" + h.id);
    parameterTypes.remove(h.connectionId + "/" + h.id);
    tracker.statementClosed(h);
    super.closeStatement(h);
  }

  /** Runs the query to its end, then answers with its plan and per-stage, per-task metrics. */
  private ExecuteResult explainAnalyze(StatementHandle h, String sql, String inner) {
    return explainAnalyze(h, sql, inner, List.of());
  }

  private ExecuteResult explainAnalyze(
      StatementHandle h, String sql, String inner, List<TypedValue> parameters) {
    QueryMetrics query = tracker.begin(h, inner);
    try {
      Connection connection = getConnection(h.connectionId);
      String typed = UnnestParameters.typed(connection, PostgresSyntax.rewrite(inner));
      String plan = firstColumn(connection, "EXPLAIN PLAN FOR " + typed, parameters);
      tracked(query, () -> drain(connection, typed, parameters, query));
      query.finish(QueryState.FINISHED, null);
      return TextResult.of(h, sql, "PLAN", ExplainAnalyzeRenderer.render(query, plan));
    } catch (SQLException e) {
      query.finish(QueryState.FAILED, ErrorText.of(MetaErrors.translate(e), secrets));
      throw new IllegalStateException(e);
    }
  }

  private static Void drain(
      Connection connection, String sql, List<TypedValue> parameters, QueryMetrics query)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rs = statement.executeQuery()) {
        long rows = 0;
        while (rs.next()) {
          rows++;
        }
        query.addRows(rows);
      }
    }
    return null;
  }

  private static void bind(PreparedStatement statement, List<TypedValue> parameters)
      throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    List<TypedValue> carried =
        ExactTimes.carry(
            BoundParameters.convert(
                parameters, BoundParameters.types(statement.getParameterMetaData())));
    for (int i = 0; i < carried.size(); i++) {
      statement.setObject(i + 1, carried.get(i).toJdbc(utc));
    }
  }

  private static String firstColumn(Connection connection, String sql, List<TypedValue> parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rs = statement.executeQuery()) {
        StringBuilder out = new StringBuilder();
        while (rs.next()) {
          out.append(rs.getString(1)).append('\n');
        }
        return out.toString();
      }
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
      // A failed query gives back its memory now, not when its statement is closed or reused.
      releaseResults(query);
      throw QueryTracker.<RuntimeException>rethrow(e);
    }
  }
}
