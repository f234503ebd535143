package dev.arrowtap.plan;

import dev.arrowtap.aggregate.PartialAggregateSpec;
import dev.arrowtap.aggregate.PartialAggregateTask;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.exec.RequestLimit;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.types.TableShape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * The physical scan of every arrowtap table: it knows its columns and tasks at plan time, shows
 * them in EXPLAIN, and at run time streams their Arrow batches as rows.
 */
public final class ArrowtapTableScan extends TableScan implements EnumerableRel {
  private final ScanTable scanTable;
  private final int[] projection;
  private final Map<Integer, List<String>> bindings;
  private final long limit;
  private final List<PushedFilter> filters;
  private final ScanPlan plan;
  private final Lookup lookup;
  private final Partial partial;

  /**
   * An aggregate computed partially in each task: its spec, and the shape of the rows it reads
   * (what the scan would produce without it).
   */
  record Partial(PartialAggregateSpec spec, TableShape input) {}

  /**
   * Values for one column that arrive at run time: {@code column} (a table ordinal) takes the
   * values of these expressions (correlation variables of a batch join, or an array parameter).
   */
  record Lookup(int column, List<RexNode> values) {
    Lookup {
      values = List.copyOf(values);
    }
  }

  public ArrowtapTableScan(
      RelOptCluster cluster, RelOptTable table, ScanTable scanTable, int[] projection) {
    this(cluster, table, scanTable, projection, Map.of());
  }

  /** A scan that reads rows only for the values of {@code lookup}, a batch at a time. */
  ArrowtapTableScan(
      RelOptCluster cluster,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings,
      Lookup lookup) {
    this(
        cluster,
        cluster.traitSetOf(EnumerableConvention.INSTANCE),
        table,
        scanTable,
        projection,
        bindings,
        -1,
        List.of(),
        scanTable.planLookup(
            projection, bindings, lookup.column(), List.of(), scanTable.services().taskSlots()),
        lookup,
        null);
  }

  /**
   * A scan of some columns of a table, for rows whose bindable columns take the given values.
   *
   * @param bindings table column ordinal to its values, from the query's filters
   */
  public ArrowtapTableScan(
      RelOptCluster cluster,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings) {
    this(cluster, table, scanTable, projection, bindings, -1);
  }

  /**
   * As above, for a consumer that needs at most {@code limit} rows (-1: all).
   *
   * @param limit rows the query needs from this scan, from a LIMIT directly above it, or -1
   */
  public ArrowtapTableScan(
      RelOptCluster cluster,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit) {
    this(cluster, table, scanTable, projection, bindings, limit, List.of());
  }

  /**
   * As above, with comparisons that the source applies itself.
   *
   * @param filters comparisons handed to the source, shown by EXPLAIN
   */
  public ArrowtapTableScan(
      RelOptCluster cluster,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    this(
        cluster,
        cluster.traitSetOf(EnumerableConvention.INSTANCE),
        table,
        scanTable,
        projection,
        bindings,
        limit,
        filters,
        !filters.isEmpty()
            ? scanTable.planScan(projection, bindings, limit, filters)
            : limit >= 0
                ? scanTable.planScan(projection, bindings, limit)
                : scanTable.planScan(projection, bindings),
        null,
        null);
  }

  private ArrowtapTableScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters,
      ScanPlan plan,
      Lookup lookup,
      Partial partial) {
    super(cluster, traits, List.of(), table);
    this.scanTable = scanTable;
    this.projection = projection.clone();
    this.bindings = Map.copyOf(bindings);
    this.limit = limit;
    this.filters = List.copyOf(filters);
    this.plan = plan;
    this.lookup = lookup;
    this.partial = partial;
  }

  /** The run-time values this scan reads rows for, or null for a scan planned whole. */
  Lookup lookup() {
    return lookup;
  }

  /** The bindings with the lookup's column counted as bound. */
  private Map<Integer, List<String>> boundColumns() {
    if (lookup == null) {
      return bindings;
    }
    Map<Integer, List<String>> all = new HashMap<>(bindings);
    all.put(lookup.column(), List.of("?"));
    return all;
  }

  /** This scan with other bindings, everything else kept. */
  ArrowtapTableScan withBindings(Map<Integer, List<String>> newBindings) {
    return new ArrowtapTableScan(
        getCluster(), table, scanTable, projection, newBindings, limit, filters);
  }

  /** This scan with other columns, everything else kept: a lookup stays a lookup. */
  ArrowtapTableScan withProjection(int[] newProjection) {
    if (lookup != null) {
      return new ArrowtapTableScan(getCluster(), table, scanTable, newProjection, bindings, lookup);
    }
    return new ArrowtapTableScan(
        getCluster(), table, scanTable, newProjection, bindings, limit, filters);
  }

  /** This scan stopping after {@code rows} rows, everything else kept. */
  ArrowtapTableScan withLimit(long rows) {
    return new ArrowtapTableScan(
        getCluster(), table, scanTable, projection, bindings, rows, filters);
  }

  /** This scan handing these comparisons to its source, everything else kept. */
  ArrowtapTableScan withFilters(List<PushedFilter> newFilters) {
    return new ArrowtapTableScan(
        getCluster(), table, scanTable, projection, bindings, limit, newFilters);
  }

  /**
   * This scan with its tasks computing {@code spec} on their rows, so that it produces partial
   * groups (keys, then states) instead of rows; the query's memory limit bounds each task's groups.
   */
  ArrowtapTableScan withPartialAggregate(PartialAggregateSpec spec) {
    long memory =
        Math.min(plan.queryMemoryLimit(), scanTable.services().memoryLimits().queryBytes());
    PartialAggregateSpec bounded = spec.withMemoryLimit(memory);
    List<TaskSpec> tasks =
        plan.tasks().stream()
            .map(task -> (TaskSpec) new PartialAggregateTask(task, bounded))
            .toList();
    ScanPlan partialPlan =
        new ScanPlan(
            plan.label(),
            bounded.outputShape(plan.shape()),
            tasks,
            plan.batchSize(),
            plan.queryMemoryLimit(),
            plan.taskConcurrency(),
            plan.coordinatorOnly());
    return new ArrowtapTableScan(
        getCluster(),
        getTraitSet(),
        table,
        scanTable,
        projection,
        bindings,
        limit,
        filters,
        partialPlan,
        lookup,
        new Partial(bounded, plan.shape()));
  }

  /** The aggregate this scan's tasks compute, or null when they hand on their rows. */
  Partial partial() {
    return partial;
  }

  /** The comparisons this scan hands to its source. */
  List<PushedFilter> filters() {
    return filters;
  }

  public ScanPlan plan() {
    return plan;
  }

  ScanTable scanTable() {
    return scanTable;
  }

  int[] projection() {
    return projection.clone();
  }

  Map<Integer, List<String>> bindings() {
    return bindings;
  }

  /** Rows the query needs from this scan, or -1 for all. */
  long limit() {
    return limit;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ArrowtapTableScan(
        getCluster(),
        traitSet,
        table,
        scanTable,
        projection,
        bindings,
        limit,
        filters,
        plan,
        lookup,
        partial);
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(ProjectScanRule.INSTANCE);
    planner.addRule(FilterScanRule.INSTANCE);
    planner.addRule(LimitScanRule.LOGICAL);
    planner.addRule(LimitScanRule.PHYSICAL);
    planner.addRule(RangeFilterScanRule.INSTANCE);
    planner.addRule(ChildJoinRule.INSTANCE);
    planner.addRule(AggregateScanRule.DIRECT);
    planner.addRule(AggregateScanRule.PROJECT);
    planner.addRule(AggregateScanRule.FILTER);
    planner.addRule(AggregateScanRule.PROJECT_FILTER);
    LookupRules.register(planner);
  }

  @Override
  public RelDataType deriveRowType() {
    return SqlTypes.rowType(plan.shape(), getCluster().getTypeFactory());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    pw.item("scan", plan.label());
    if (scanTable.supportsProjection() && projection.length < scanTable.shape().size()) {
      pw.item("columns", plan.shape().columns().stream().map(c -> c.name()).toList());
    }
    pw.itemIf("limit", limit, limit >= 0);
    pw.itemIf("api_filters", describeFilters(), !filters.isEmpty());
    if (partial != null) {
      if (!partial.spec().filters().isEmpty()) {
        pw.item(
            "task_filter",
            String.join(", ", TaskFilterText.describe(partial.spec().filters(), partial.input())));
      }
      pw.item("partial_aggregate", partial.spec().describe(partial.input()));
    }
    if (lookup != null) {
      pw.item("lookup", describeLookup());
    }
    pw.item("tasks", scanTable.services().describeTasks(plan));
    // Not part of the digest: what earlier scans learned must not make equal scans differ.
    return pw.itemIf(
        "requests",
        estimatedRequests(),
        pw.getDetailLevel() != SqlExplainLevel.DIGEST_ATTRIBUTES && sendsRequests());
  }

  /** The HTTP requests this scan is expected to send, summed over its tasks. */
  RequestEstimate estimatedRequests() {
    RequestEstimate sum = RequestEstimate.NONE;
    for (TaskSpec task : plan.tasks()) {
      sum = sum.plus(task.estimatedRequests(scanTable.services().sourceLengths()));
    }
    return sum;
  }

  private boolean sendsRequests() {
    RequestEstimate estimate = estimatedRequests();
    return lookup == null && (estimate.requests() > 0 || !estimate.known());
  }

  /**
   * The plan to run, under the query's request budget: refused here, before any request, when the
   * query's scans planned so far are already estimated past it.
   */
  private ScanPlan budgeted(EnumerableRelImplementor implementor) {
    long max = scanTable.maxRequests();
    RequestEstimate estimate = estimatedRequests();
    if (!sendsRequests()) {
      return plan;
    }
    long queryEstimate = QueryEstimates.add(implementor, estimate.requests());
    if (max >= 0 && queryEstimate > max) {
      throw new ArrowtapException(
          SqlStates.CAP_REACHED,
          "table "
              + plan.label()
              + ": the query is estimated at "
              + (estimate.known() ? "" : "at least ")
              + queryEstimate
              + " HTTP requests ("
              + estimate
              + " for this scan), more than max_requests = "
              + max
              + "; no request was sent. Raise max_requests or narrow the query (a filter, a LIMIT)");
    }
    return plan.withRequestLimit(new RequestLimit(max, estimate.requests()));
  }

  /** {@code created_at >= 2024-01-05 (exact)}, by table column name. */
  private List<String> describeFilters() {
    List<String> out = new java.util.ArrayList<>();
    List<dev.arrowtap.types.Column> columns = scanTable.shape().columns();
    for (PushedFilter filter : filters) {
      out.add(
          columns.get(filter.column()).name()
              + " "
              + filter.op()
              + " "
              + filter.value()
              + (filter.exact() ? "" : " (checked again)"));
    }
    return out;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = super.estimateRowCount(mq);
    if (partial == null) {
      return rows;
    }
    // At most one row per group and task.
    return partial.spec().keys().isEmpty() ? plan.tasks().size() : Math.max(1, rows / 10);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Fewer columns decode faster, so a narrower scan must look cheaper to the planner.
    double rows = mq.getRowCount(this);
    // Each comparison the source applies leaves fewer rows to fetch.
    rows *= Math.pow(0.5, filters.size());
    if (limit >= 0) {
      // A scan that stops at the LIMIT's rows reads less than one that reads on, whatever the
      // estimate of the table's size says.
      rows = Math.min(rows, (double) limit) / 2;
    }
    double width = Math.max(1, partial != null ? partial.input().size() : plan.shape().size());
    if (partial != null) {
      // Aggregating in the task saves turning every row into a Calcite row and the aggregate
      // above, so the pushed form must win over the same scan with Calcite's aggregate on top.
      rows /= 4;
    }
    if (lookup != null) {
      // Reads only the rows asked for, never the whole feed: the cheapest way to these rows.
      return planner.getCostFactory().makeTinyCost();
    }
    if (scanTable.missingBindings(bindings).isPresent()) {
      // Cannot run; any scan with the values bound must win.
      return planner.getCostFactory().makeHugeCost();
    }
    // Each bound column makes the scan cheaper, so that the planner always takes the scan that
    // sends the query's values over one that sends a parameter's default (which the filter above
    // would then throw away).
    double bound = Math.pow(0.5, bindings.size());
    return planner
        .getCostFactory()
        .makeCost(rows * bound, rows * width * bound, rows * width * bound);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    scanTable
        .missingBindings(boundColumns())
        .ifPresent(
            why -> {
              throw new ArrowtapException(SqlStates.SYNTAX_OR_ACCESS_RULE, why);
            });
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    if (lookup != null) {
      return implementor.result(physType, LookupCode.rows(this, implementor));
    }
    Expression planExpression = implementor.stash(budgeted(implementor), ScanPlan.class);
    Expression servicesExpression =
        implementor.stash(scanTable.services(), ExecutionServices.class);
    return implementor.result(
        physType,
        Blocks.toBlock(
            Expressions.call(
                ScanRuntime.class,
                "rows",
                implementor.getRootExpression(),
                planExpression,
                servicesExpression)));
  }

  @Override
  public boolean deepEquals(Object obj) {
    return obj instanceof ArrowtapTableScan other
        && super.deepEquals(obj)
        && Arrays.equals(projection, other.projection)
        && bindings.equals(other.bindings)
        && limit == other.limit
        && filters.equals(other.filters)
        && Objects.equals(lookup, other.lookup)
        && Objects.equals(partial, other.partial);
  }

  @Override
  public int deepHashCode() {
    return ((super.deepHashCode() * 31 + Arrays.hashCode(projection)) * 31 + bindings.hashCode())
            * 31
        + Long.hashCode(limit)
        + 17 * filters.hashCode()
        + 31 * Objects.hashCode(lookup)
        + 37 * Objects.hashCode(partial);
  }

  /** {@code postId IN ($cor0.id, ..., $cor99.id), 1 value a request}. */
  private String describeLookup() {
    String name = scanTable.shape().columns().get(lookup.column()).name();
    List<RexNode> values = lookup.values();
    String list =
        values.size() <= 3
            ? values.stream().map(RexNode::toString).collect(Collectors.joining(", "))
            : values.get(0) + ", ..., " + values.get(values.size() - 1);
    int chunk = scanTable.lookupChunk(lookup.column());
    return name
        + " IN ("
        + list
        + "), "
        + (chunk == 1 ? "1 value a request" : "up to " + chunk + " values a request");
  }
}
