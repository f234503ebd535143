package dev.arrowtap.plan;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.ScanRuntime;
import java.util.List;
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
 * The physical scan of every arrowtap table: it knows its tasks at plan time, shows them in
 * EXPLAIN, and at run time streams their Arrow batches as rows.
 */
public final class ArrowtapTableScan extends TableScan implements EnumerableRel {
  private final ScanPlan plan;
  private final ExecutionServices services;

  public ArrowtapTableScan(
      RelOptCluster cluster, RelOptTable table, ScanPlan plan, ExecutionServices services) {
    this(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, plan, services);
  }

  private ArrowtapTableScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      ScanPlan plan,
      ExecutionServices services) {
    super(cluster, traits, List.of(), table);
    this.plan = plan;
    this.services = services;
  }

  public ScanPlan plan() {
    return plan;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ArrowtapTableScan(getCluster(), traitSet, table, plan, services);
  }

  @Override
  public RelDataType deriveRowType() {
    return plan.shape().rowType(getCluster().getTypeFactory());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return pw.item("scan", plan.label()).item("tasks", services.describeTasks(plan));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Fewer columns decode faster, so a narrower scan must look cheaper to the planner.
    double rows = mq.getRowCount(this);
    double width = Math.max(1, plan.shape().size());
    return planner.getCostFactory().makeCost(rows, rows * width, rows * width);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    Expression planExpression = implementor.stash(plan, ScanPlan.class);
    Expression servicesExpression = implementor.stash(services, ExecutionServices.class);
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
}
