package dev.arrowtap.plan;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

/**
 * The physical scan of every arrowtap table: it knows its columns and tasks at plan time, shows
 * them in EXPLAIN, and at run time streams their Arrow batches as rows.
 */
public final class ArrowtapTableScan extends TableScan implements EnumerableRel {
  private final ScanTable scanTable;
  private final int[] projection;
  private final Map<Integer, List<String>> bindings;
  private final ScanPlan plan;

  public ArrowtapTableScan(
      RelOptCluster cluster, RelOptTable table, ScanTable scanTable, int[] projection) {
    this(cluster, table, scanTable, projection, Map.of());
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
    this(
        cluster,
        cluster.traitSetOf(EnumerableConvention.INSTANCE),
        table,
        scanTable,
        projection,
        bindings,
        scanTable.planScan(projection, bindings));
  }

  private ArrowtapTableScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      ScanTable scanTable,
      int[] projection,
      Map<Integer, List<String>> bindings,
      ScanPlan plan) {
    super(cluster, traits, List.of(), table);
    this.scanTable = scanTable;
    this.projection = projection.clone();
    this.bindings = Map.copyOf(bindings);
    this.plan = plan;
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

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ArrowtapTableScan(
        getCluster(), traitSet, table, scanTable, projection, bindings, plan);
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(ProjectScanRule.INSTANCE);
    planner.addRule(FilterScanRule.INSTANCE);
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
    return pw.item("tasks", scanTable.services().describeTasks(plan));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Fewer columns decode faster, so a narrower scan must look cheaper to the planner.
    double rows = mq.getRowCount(this);
    double width = Math.max(1, plan.shape().size());
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
        .missingBindings(bindings)
        .ifPresent(
            why -> {
              throw new ArrowtapException(SqlStates.SYNTAX_OR_ACCESS_RULE, why);
            });
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    Expression planExpression = implementor.stash(plan, ScanPlan.class);
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
        && bindings.equals(other.bindings);
  }

  @Override
  public int deepHashCode() {
    return (super.deepHashCode() * 31 + Arrays.hashCode(projection)) * 31 + bindings.hashCode();
  }
}
