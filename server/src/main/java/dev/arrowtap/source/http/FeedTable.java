package dev.arrowtap.source.http;

import dev.arrowtap.catalog.CacheDef;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.ParameterBatch;
import dev.arrowtap.catalog.ParameterDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.MetadataScope;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.LookupRows;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.plan.ChildJoin;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.schema.Schema;

/** A feed declared in the catalog (or named by read_json), as a SQL table. */
public final class FeedTable extends ScanTable {
  /** The most requests one scan may fan out into. */
  static final int MAX_TASKS = 10_000;

  private final FeedDef feed;
  private final String label;
  private final String cacheKey;
  private final SessionSettings settings;
  private final SchemaCache schemas;

  public FeedTable(
      FeedDef feed,
      String label,
      String cacheKey,
      SessionSettings settings,
      ExecutionServices services,
      SchemaCache schemas) {
    super(services);
    this.feed = feed;
    this.label = label;
    this.cacheKey = cacheKey;
    this.settings = settings;
    this.schemas = schemas;
  }

  public FeedDef feed() {
    return feed;
  }

  /**
   * The decoded columns. An inferred field named like a parameter is left out: the parameter's
   * column already has that name and shows the value sent.
   */
  private List<ColumnBinding> bindings() {
    Set<String> parameters = new HashSet<>();
    feed.parameters().forEach(p -> parameters.add(p.name().toLowerCase(Locale.ROOT)));
    // Bounds that change what inference may find are part of the cache key.
    String key = cacheKey + " " + settings.inferMaxBytes() + " " + settings.maxInferredColumns();
    return schemas.columns(feed, key, settings, FirstPageHandover::offer).stream()
        .filter(b -> !parameters.contains(b.column().name().toLowerCase(Locale.ROOT)))
        .toList();
  }

  @Override
  public boolean pushAggregates() {
    return settings.pushAggregates();
  }

  @Override
  public TableShape shape() {
    List<Column> columns = new ArrayList<>();
    for (ParameterDef parameter : feed.parameters()) {
      columns.add(parameter.column());
    }
    List<ColumnBinding> bindings;
    try {
      bindings = bindings();
    } catch (ArrowtapException e) {
      if (!MetadataScope.active()) {
        throw e;
      }
      // A listing shows the feed with one column that says why its columns are unknown; a
      // query on it still fails with the real error.
      return new TableShape(List.of(new Column(UNAVAILABLE, ColumnType.VARCHAR, true)));
    }
    for (ColumnBinding binding : bindings) {
      columns.add(binding.column());
    }
    return new TableShape(columns);
  }

  /** The one column of a feed whose columns could not be inferred, in metadata listings. */
  static final String UNAVAILABLE = "_columns_unavailable";

  @Override
  public ScanPlan planScan(int[] projection) {
    return planScan(projection, Map.of());
  }

  /** The parameters come first among the columns; each is bindable. */
  @Override
  public Set<Integer> bindableColumns() {
    Set<Integer> columns = new HashSet<>();
    for (int p = 0; p < feed.parameters().size(); p++) {
      columns.add(p);
    }
    return columns;
  }

  @Override
  public Optional<String> missingBindings(Map<Integer, List<String>> bindings) {
    List<String> missing = new ArrayList<>();
    for (int p = 0; p < feed.parameters().size(); p++) {
      ParameterDef parameter = feed.parameters().get(p);
      if (parameter.required() && !bindings.containsKey(p)) {
        missing.add(parameter.name());
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String first = missing.get(0);
    return Optional.of(
        "table "
            + feed.qualifiedName()
            + " needs a value for "
            + String.join(", ", missing)
            + ": add WHERE "
            + first
            + " = ... or "
            + first
            + " IN (...)");
  }

  @Override
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings) {
    return planScan(projection, bindings, -1);
  }

  /**
   * A feed stops paging once it has the rows a LIMIT needs, and asks for small pages for few; a
   * child table cannot, since a page's records may hold any number of elements.
   */
  @Override
  public boolean supportsLimit() {
    return !feed.records().exploded();
  }

  @Override
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings, long limit) {
    return planScan(projection, bindings, limit, List.of());
  }

  /** A comparison on a column the catalog maps to a request parameter goes to the API. */
  @Override
  public Optional<PushedFilter> pushFilter(
      int column, String op, Object value, List<PushedFilter> others) {
    return ApiFilters.of(feed, shape()).push(column, op, value, others);
  }

  @Override
  public ScanPlan planScan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    List<ParameterDef> parameters = feed.parameters();
    int count = parameters.size();
    List<ColumnBinding> all = bindings();
    List<ColumnBinding> decoded = new ArrayList<>();
    int[] layout = new int[projection.length];
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < projection.length; i++) {
      int field = projection[i];
      if (field < count) {
        layout[i] = -1 - field;
        columns.add(parameters.get(field).column());
      } else {
        layout[i] = decoded.size();
        decoded.add(all.get(field - count));
        columns.add(all.get(field - count).column());
      }
    }
    return planTasks(
        label, shipped(), decoded, layout, new TableShape(columns), bindings, limit, filters);
  }

  /**
   * A scan's tasks: one per combination of the parameters' values, each reading {@code shipped}'s
   * pages with this table's pushed filters as request parameters.
   */
  private ScanPlan planTasks(
      String scanLabel,
      FeedDef shipped,
      List<ColumnBinding> decoded,
      int[] layout,
      TableShape output,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    List<TaskSpec> tasks = new ArrayList<>();
    Map<String, String> requestFilters = ApiFilters.of(feed, shape()).requestParameters(filters);
    List<Map<String, String>> combinations = combinations(bindings);
    // A declared split cuts each walk into windows of a column's range (FeedWindows).
    List<Map<String, String>> windows =
        FeedWindows.cut(
            feed,
            shape(),
            filters,
            limit,
            requestFilters,
            Math.max(1, MAX_TASKS / combinations.size()));
    int taskCount = combinations.size() * windows.size();
    // The table's concurrency bounds the scan's requests in flight: tasks that run together share
    // it, so a long IN list reads its values side by side, each one page at a time.
    int concurrency = feed.fetch().concurrency();
    int pagesEach = Math.max(1, concurrency / Math.min(taskCount, concurrency));
    int decodeThreads = decodeThreads(taskCount, concurrency);
    for (Map<String, String> values : combinations) {
      for (Map<String, String> window : windows) {
        tasks.add(
            new FeedTask(
                shipped,
                decoded,
                values,
                layout,
                pagesEach,
                limit,
                window,
                settings.useCache(),
                decodeThreads));
      }
    }
    return placed(
        new ScanPlan(
            scanLabel,
            output,
            tasks,
            settings.batchSize(),
            settings.queryMemoryLimit(),
            feed.fetch().concurrency()));
  }

  /**
   * A child table of this feed ({@code children} in the catalog) read with it in one pass. The
   * child's feed must request exactly what this one does (same URL, parameters, pages, auth), so
   * that each of its rows is an element of one of this feed's records; its columns at {@code
   * /p/...} are the keys, copies of this feed's columns at {@code /...}.
   */
  @Override
  public Optional<ChildJoin> joinChild(ScanTable other) {
    if (!(other instanceof FeedTable child)
        || feed.records().exploded()
        || !child.feed.records().exploded()
        || !child.feed.name().startsWith(feed.name() + "__")) {
      return Optional.empty();
    }
    FeedDef asParent =
        child.feed.toBuilder()
            .name(feed.name())
            .description(feed.description())
            .records(feed.records())
            .columns(feed.columns())
            .filters(feed.filters())
            .fields(feed.fields())
            .build();
    if (!asParent.equals(feed)) {
      return Optional.empty();
    }
    int count = feed.parameters().size();
    List<ColumnBinding> parentColumns = bindings();
    List<ColumnBinding> childColumns = child.bindings();
    Map<Integer, Integer> keys = new HashMap<>();
    for (int c = 0; c < childColumns.size(); c++) {
      String pointer = childColumns.get(c).pointer();
      if (!pointer.startsWith("/p/")) {
        continue;
      }
      String inParent = pointer.substring(2);
      int found = -1;
      for (int p = 0; p < parentColumns.size(); p++) {
        if (parentColumns.get(p).pointer().equals(inParent)) {
          found = p;
          break;
        }
      }
      if (found < 0) {
        return Optional.empty(); // a key the parent's scan does not show
      }
      keys.put(count + c, count + found);
    }
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChildJoin(new ChildJoinTable(this, child, services), keys));
  }

  /**
   * The tasks of this feed joined with a child table: the child's pages (which are this feed's),
   * this feed's parameters and pushed filters, and for each element of each record the record's
   * columns (read at {@code /p}) then the element's.
   *
   * @param projection ordinals into {@code joined}: this feed's columns, then the child's
   */
  ScanPlan planJoined(
      FeedTable child,
      TableShape joined,
      int[] projection,
      Map<Integer, List<String>> bindings,
      List<PushedFilter> filters) {
    int count = feed.parameters().size();
    int parentSize = shape().size();
    List<ColumnBinding> parentColumns = bindings();
    List<ColumnBinding> childColumns = child.bindings();
    List<ColumnBinding> decoded = new ArrayList<>();
    int[] layout = new int[projection.length];
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < projection.length; i++) {
      int field = projection[i];
      int own = field < parentSize ? field : field - parentSize;
      if (own < count) {
        layout[i] = -1 - own;
      } else if (field < parentSize) {
        ColumnBinding column = parentColumns.get(own - count);
        layout[i] = decoded.size();
        decoded.add(new ColumnBinding(column.column(), "/p" + column.pointer(), column.format()));
      } else {
        layout[i] = decoded.size();
        decoded.add(childColumns.get(own - count));
      }
      columns.add(joined.columns().get(field));
    }
    // The requests carry this feed's filters, which the child's definition lists only for keys.
    FeedDef shipped = child.shipped().toBuilder().filters(feed.filters()).build();
    return planTasks(
        feed.qualifiedName() + " with " + child.feed.qualifiedName(),
        shipped,
        decoded,
        layout,
        new TableShape(columns),
        bindings,
        -1,
        filters);
  }

  /**
   * Threads each task may decode a large NDJSON page with: the session's {@code decode_threads}, or
   * every core for a scan whose one task runs alone in its process (0: the cores of whichever
   * process runs it), a share of the local cores when tasks run side by side here, and one where
   * each worker already runs several.
   */
  private int decodeThreads(int tasks, int concurrency) {
    if (settings.decodeThreads() > 0) {
      return settings.decodeThreads();
    }
    if (services.hasWorkers()) {
      return tasks <= services.taskSlots() ? 0 : 1;
    }
    int together = Math.min(tasks, concurrency);
    return together <= 1 ? 0 : Math.max(1, services.localSlots() / together);
  }

  /** Lookups keep what they found within the table's cache settings, as its responses are kept. */
  @Override
  public Optional<LookupRows.Settings> lookupCache() {
    CacheDef cache = feed.fetch().cache();
    if (!cache.enabled() || !settings.useCache()) {
      return Optional.empty();
    }
    return Optional.of(
        new LookupRows.Settings(
            feed.qualifiedName() + " " + feed.url() + " " + cache, cache.ttl(), cache.maxBytes()));
  }

  @Override
  public long maxRequests() {
    return settings.maxRequests();
  }

  @Override
  public boolean supportsLookup(int column) {
    return column < feed.parameters().size();
  }

  @Override
  public int lookupChunk(int column) {
    return feed.parameters().get(column).batch().map(ParameterBatch::max).orElse(1);
  }

  @Override
  public ScanPlan planLookup(
      int[] projection,
      Map<Integer, List<String>> bindings,
      int column,
      List<String> values,
      int tasks) {
    ParameterDef looked = feed.parameters().get(column);
    Optional<ParameterBatch> batch = looked.batch();
    List<ColumnBinding> all = bindings();
    int count = feed.parameters().size();
    List<ColumnBinding> decoded = new ArrayList<>();
    int[] layout = new int[projection.length];
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < projection.length; i++) {
      int field = projection[i];
      if (field == column && batch.isPresent()) {
        // One request answers many values: each record says which one it belongs to.
        layout[i] = decoded.size();
        decoded.add(new ColumnBinding(looked.column(), batch.get().pointer(), null));
        columns.add(looked.column());
      } else if (field < count) {
        layout[i] = -1 - field;
        columns.add(feed.parameters().get(field).column());
      } else {
        layout[i] = decoded.size();
        decoded.add(all.get(field - count));
        columns.add(all.get(field - count).column());
      }
    }
    List<String> chunks = new ArrayList<>();
    int size = batch.map(ParameterBatch::max).orElse(1);
    String separator = batch.map(ParameterBatch::separator).orElse("");
    for (int from = 0; from < values.size(); from += size) {
      chunks.add(
          String.join(separator, values.subList(from, Math.min(values.size(), from + size))));
    }
    Map<Integer, List<String>> others = new HashMap<>(bindings);
    others.put(column, List.of("?"));
    List<Map<String, String>> requests = new ArrayList<>();
    for (Map<String, String> combination : combinations(others)) {
      for (String chunk : chunks) {
        Map<String, String> request = new LinkedHashMap<>(combination);
        request.put(looked.name(), chunk);
        requests.add(request);
      }
    }
    List<String> slots = lookupSlots(column, tasks);
    List<TaskSpec> specs = new ArrayList<>();
    int share = (requests.size() + tasks - 1) / tasks;
    for (int t = 0; t < tasks; t++) {
      int from = Math.min(requests.size(), t * share);
      int to = Math.min(requests.size(), from + share);
      specs.add(
          new FeedLookupTask(shipped(), decoded, requests.subList(from, to), layout, slots.get(t)));
    }
    return placed(
        new ScanPlan(
            label,
            new TableShape(columns),
            specs,
            settings.batchSize(),
            settings.queryMemoryLimit(),
            feed.fetch().concurrency()));
  }

  /**
   * The feed as its tasks carry it. Each worker process keeps its own budgets, so a task bound for
   * a worker carries that worker's share of the table's rate limit: together the workers stay
   * within the catalog's numbers.
   */
  private FeedDef shipped() {
    return onWorkers() ? feed.withFetch(feed.fetch().share(services.taskSlots())) : feed;
  }

  /**
   * Where the plan's tasks run: on the workers, or in the coordinator when the table's budget is
   * too small to share out (a burst or {@code max_in_flight} below the number of workers), so that
   * one process keeps it whole.
   */
  private ScanPlan placed(ScanPlan plan) {
    return services.hasWorkers() && !onWorkers() ? plan.onCoordinator() : plan;
  }

  private boolean onWorkers() {
    return services.hasWorkers() && feed.fetch().rateLimit().splits(services.taskSlots());
  }

  /**
   * Every combination of the parameters' values; an unbound required one shows as {@code ?}, an
   * unbound optional one is absent.
   */
  private List<Map<String, String>> combinations(Map<Integer, List<String>> bindings) {
    List<Map<String, String>> combinations = new ArrayList<>();
    combinations.add(new LinkedHashMap<>());
    for (int p = 0; p < feed.parameters().size(); p++) {
      ParameterDef parameter = feed.parameters().get(p);
      if (parameter.optional() && !bindings.containsKey(p)) {
        continue;
      }
      List<String> values =
          bindings.getOrDefault(p, parameter.defaultValue().map(List::of).orElse(List.of("?")));
      for (String value : values) {
        if (parameter.type() == ColumnType.BIGINT
            && !value.equals("?")
            && !value.matches("-?\\d+")) {
          throw new ArrowtapException(
              SqlStates.INVALID_ARGUMENT,
              "table "
                  + feed.qualifiedName()
                  + ": parameter "
                  + parameter.name()
                  + " is BIGINT, not '"
                  + value
                  + "'");
        }
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : combinations) {
        for (String value : values) {
          Map<String, String> extended = new LinkedHashMap<>(partial);
          extended.put(parameter.name(), value);
          next.add(extended);
        }
      }
      if (next.size() > MAX_TASKS) {
        throw new ArrowtapException(
            SqlStates.INVALID_ARGUMENT,
            "table "
                + feed.qualifiedName()
                + ": more than "
                + MAX_TASKS
                + " combinations of parameter values");
      }
      combinations = next;
    }
    return combinations;
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.TABLE;
  }
}
