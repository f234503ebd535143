package dev.arrowtap.engine;

import dev.arrowtap.catalog.Catalog;
import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.source.TaskTypes;
import dev.arrowtap.source.http.FeedSchema;
import dev.arrowtap.source.http.ReadJsonTableMacro;
import dev.arrowtap.source.http.SchemaCache;
import dev.arrowtap.source.json.UnnestJsonFunction;
import dev.arrowtap.source.numbers.NumbersTableMacro;
import dev.arrowtap.sys.SysSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.TableFunctionImpl;

/**
 * The query engine: opens Calcite connections whose root schema holds arrowtap's functions and
 * catalog schemas, with arrowtap's lexical rules. Owns the execution resources.
 */
public final class ArrowtapEngine implements AutoCloseable {

  /** Set by the Meta (never taken from a client) to the Avatica connection a session serves. */
  public static final String CONNECTION_ID = "arrowtap.internal.connection_id";

  /**
   * Set by the Meta (never taken from a client) on a server with a login, for a user who is not an
   * administrator: the sys tables of the session show only this user's queries.
   */
  public static final String VISIBLE_USER = "arrowtap.internal.visible_user";

  private final EngineConfig config;
  private final ExecutionServices services;
  private final Catalog catalog;
  private final SchemaCache schemaCache =
      new SchemaCache(Duration.ofMinutes(10), Clock.systemUTC());
  private final PlanCache plans = new PlanCache(schemaCache::generation);
  private final Driver calcite =
      new Driver().withPrepareFactory(() -> new CheckedArithmeticPrepare(plans));

  /**
   * Creates an engine, loading its catalog file if it has one.
   *
   * @throws ArrowtapException (SQLState F0000) when the catalog does not load
   */
  public ArrowtapEngine(EngineConfig config) {
    TaskTypes.registerBuiltIns();
    this.config = config;
    this.catalog = config.catalog().map(CatalogLoader::load).orElse(Catalog.EMPTY);
    this.services =
        new ExecutionServices(
            config.localSlots(), config.memoryLimitBytes(), config.execution(), config.memory());
  }

  public Catalog catalog() {
    return catalog;
  }

  public EngineConfig config() {
    return config;
  }

  public ExecutionServices services() {
    return services;
  }

  /** Opens a session with the given client properties; unknown properties are ignored. */
  public Connection connect(Map<String, String> clientProperties) throws SQLException {
    SessionSettings settings;
    boolean reusePlans;
    try {
      settings =
          SessionProperty.settings(clientProperties, config.execution().defaultMaxRequests());
      reusePlans = SessionProperty.planCache(clientProperties);
    } catch (ArrowtapException e) {
      throw e.toSqlException();
    }
    Connection connection = calcite.connect("jdbc:calcite:", calciteProperties());
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    if (reusePlans) {
      plans.enable(CalciteSchema.from(root));
    }
    NumbersTableMacro numbers = new NumbersTableMacro(settings, services);
    root.add("numbers", numbers);
    HostAllowlist readJsonHosts = catalog.readJsonHosts().orElse(config.readJsonDefault());
    ReadJsonTableMacro readJson =
        new ReadJsonTableMacro(readJsonHosts, settings, services, schemaCache);
    root.add("read_json", readJson);
    root.add("unnest_json", TableFunctionImpl.create(UnnestJsonFunction.class, "unnest"));
    catalog
        .schemas()
        .forEach(
            (name, feeds) ->
                root.add(name, new FeedSchema(feeds, settings, services, schemaCache)));
    SchemaPlus sys =
        root.add(
            "sys",
            new SysSchema(
                settings,
                services,
                clientProperties.get(CONNECTION_ID),
                Optional.ofNullable(clientProperties.get(VISIBLE_USER))));
    // The built-in functions also belong to a schema, as JDBC metadata lists them (tools such as
    // SchemaCrawler drop a function whose FUNCTION_SCHEM is null): sys.numbers(0, 3) works too.
    sys.add("numbers", numbers);
    sys.add("read_json", readJson);
    return connection;
  }

  /**
   * Lexical rules, chosen on purpose: identifiers in double quotes, names kept as written and
   * matched case-insensitively, so JSON field names like {@code userId} need no quotes. The SQL
   * accepted is Calcite's LENIENT conformance with the PostgreSQL function library.
   */
  static Properties calciteProperties() {
    Properties properties = new Properties();
    properties.setProperty("quoting", "DOUBLE_QUOTE");
    properties.setProperty("unquotedCasing", "UNCHANGED");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("timeZone", "UTC");
    // LENIENT lets users type what PostgreSQL, MySQL and DuckDB accept: % as modulo, !=,
    // LIMIT/OFFSET in either order, GROUP BY an alias or ordinal. The lexical rules above stay.
    properties.setProperty("conformance", "LENIENT");
    // PostgreSQL's functions (date_trunc, to_char, ILIKE, string functions) beside the standard
    // ones.
    properties.setProperty("fun", "standard,postgresql");
    // Sums that cannot wrap; arithmetic overflow is checked by CheckedArithmeticPrepare.
    properties.setProperty("typeSystem", ArrowtapTypeSystem.class.getName() + "#INSTANCE");
    properties.setProperty("metaTableFactory", DescribedTables.class.getName());
    return properties;
  }

  /**
   * Statements of sessions with plan reuse answered from the plan cache, and those prepared because
   * no plan was kept: for tests and benchmarks.
   */
  public long[] planCacheCounts() {
    return new long[] {plans.hits(), plans.misses()};
  }

  @Override
  public void close() {
    services.close();
  }
}
