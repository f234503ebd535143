package dev.arrowtap.plan;

import dev.arrowtap.aggregate.AggregateFunction;
import dev.arrowtap.aggregate.PartialAggregateSpec;
import dev.arrowtap.aggregate.PartialCall;
import dev.arrowtap.aggregate.TaskFilter;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Splits an aggregate over a scan (with a filter and a projection of plain columns between them)
 * into a partial aggregate that every task computes on its own batches and a final aggregate above
 * the scan that merges the tasks' groups: counts are added, sums summed, minima and maxima taken
 * again. Only what a task computes exactly is pushed (see {@link PartialAggregateSpec#supports});
 * anything else and the rule leaves the plan as it was.
 */
// The operand helpers and AggregateCall.create are deprecated; their replacements need Calcite's
// generated rule configs.
@SuppressWarnings("deprecation")
final class AggregateScanRule extends RelOptRule {
  static final AggregateScanRule DIRECT =
      new AggregateScanRule(
          operand(LogicalAggregate.class, operand(ArrowtapTableScan.class, none())), "");
  static final AggregateScanRule PROJECT =
      new AggregateScanRule(
          operand(
              LogicalAggregate.class,
              operand(LogicalProject.class, operand(ArrowtapTableScan.class, none()))),
          "Project");
  static final AggregateScanRule FILTER =
      new AggregateScanRule(
          operand(
              LogicalAggregate.class,
              operand(LogicalFilter.class, operand(ArrowtapTableScan.class, none()))),
          "Filter");
  static final AggregateScanRule PROJECT_FILTER =
      new AggregateScanRule(
          operand(
              LogicalAggregate.class,
              operand(
                  LogicalProject.class,
                  operand(LogicalFilter.class, operand(ArrowtapTableScan.class, none())))),
          "ProjectFilter");

  private AggregateScanRule(RelOptRuleOperand operand, String shape) {
    super(operand, "ArrowtapAggregate" + shape + "ScanRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    ArrowtapTableScan scan = call.rel(call.rels.length - 1);
    LogicalProject project = null;
    LogicalFilter filter = null;
    for (int i = 1; i < call.rels.length - 1; i++) {
      if (call.rel(i) instanceof LogicalProject p) {
        project = p;
      } else if (call.rel(i) instanceof LogicalFilter f) {
        filter = f;
      }
    }
    if (!scan.scanTable().pushAggregates()
        || scan.lookup() != null
        || scan.limit() >= 0
        || scan.partial() != null
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return;
    }
    TableShape shape = scan.plan().shape();
    int[] columnOf = columnsOf(project, aggregate.getInput().getRowType().getFieldCount());
    List<Integer> keys = new ArrayList<>();
    for (int field : aggregate.getGroupSet()) {
      int column = columnOf[field];
      if (column < 0 || !PartialAggregateSpec.supportsKey(shape.columns().get(column))) {
        return;
      }
      keys.add(column);
    }
    List<PartialCall> calls = new ArrayList<>();
    List<SqlAggFunction> merges = new ArrayList<>();
    for (AggregateCall aggCall : aggregate.getAggCallList()) {
      Optional<PartialCall> partial = partialOf(aggCall, columnOf, shape);
      if (partial.isEmpty()) {
        return;
      }
      calls.add(partial.get());
      merges.add(mergeOf(aggCall));
    }
    List<TaskFilter> filters = List.of();
    if (filter != null && filtersUnboundParameter(filter, scan)) {
      // A parameter's value must reach the request (FilterScanRule binds it); filtering the
      // default's rows in the task would read the wrong rows.
      return;
    }
    if (filter != null) {
      Optional<List<TaskFilter>> pushed = TaskFilters.of(filter.getCondition(), shape);
      if (pushed.isEmpty()) {
        return;
      }
      filters = pushed.get();
    }
    ArrowtapTableScan partialScan =
        scan.withPartialAggregate(new PartialAggregateSpec(keys, calls, filters, Long.MAX_VALUE));
    call.transformTo(finalAggregate(aggregate, partialScan, merges));
  }

  /**
   * Whether the filter reads a column the table binds to its requests that the scan has not bound.
   */
  private static boolean filtersUnboundParameter(LogicalFilter filter, ArrowtapTableScan scan) {
    int[] projection = scan.projection();
    for (int field : RelOptUtil.InputFinder.bits(filter.getCondition())) {
      int column = projection[field];
      if (scan.scanTable().bindableColumns().contains(column)
          && !scan.bindings().containsKey(column)) {
        return true;
      }
    }
    return false;
  }

  /** For each field of the aggregate's input, the scan column it is, or -1 for an expression. */
  private static int[] columnsOf(LogicalProject project, int fields) {
    int[] columns = new int[fields];
    for (int i = 0; i < fields; i++) {
      if (project == null) {
        columns[i] = i;
      } else {
        RexNode expression = project.getProjects().get(i);
        columns[i] = expression instanceof RexInputRef ref ? ref.getIndex() : -1;
      }
    }
    return columns;
  }

  private static Optional<PartialCall> partialOf(
      AggregateCall call, int[] columnOf, TableShape shape) {
    if (call.filterArg >= 0
        || call.isApproximate()
        || !call.rexList.isEmpty()
        || call.getArgList().size() > 1) {
      return Optional.empty();
    }
    AggregateFunction function = functionOf(call);
    if (function == null) {
      return Optional.empty();
    }
    if (call.getArgList().isEmpty()) {
      return function == AggregateFunction.COUNT
          ? Optional.of(new PartialCall(AggregateFunction.COUNT_STAR, -1))
          : Optional.empty();
    }
    int column = columnOf[call.getArgList().get(0)];
    if (column < 0) {
      return Optional.empty();
    }
    Column argument = shape.columns().get(column);
    if (!PartialAggregateSpec.supports(function, argument)) {
      return Optional.empty();
    }
    return Optional.of(new PartialCall(function, column));
  }

  /** The partial function of a call, or null when it is not one a task computes. */
  private static AggregateFunction functionOf(AggregateCall call) {
    SqlAggFunction function = call.getAggregation();
    SqlKind kind = function.getKind();
    if (is(function, DoubleExtremes.MIN) || is(function, DoubleExtremes.MAX)) {
      // The task's accumulator compares doubles the same way (NaN above every number).
      return is(function, DoubleExtremes.MIN) ? AggregateFunction.MIN : AggregateFunction.MAX;
    }
    if (kind == SqlKind.MIN || kind == SqlKind.MAX) {
      // MIN(DISTINCT x) is MIN(x).
      return kind == SqlKind.MIN ? AggregateFunction.MIN : AggregateFunction.MAX;
    }
    if (call.isDistinct()) {
      return null;
    }
    if (kind == SqlKind.COUNT) {
      return AggregateFunction.COUNT;
    }
    if (kind == SqlKind.SUM
        || kind == SqlKind.SUM0
        || is(function, ExactSum.SUM)
        || is(function, ExactSum.SUM0)) {
      return AggregateFunction.SUM;
    }
    return null;
  }

  /**
   * Whether {@code function} is that very aggregate: {@code equals} compares only class, name and
   * kind, which ExactSum's SUM0 shares with {@link CountMerge}'s.
   */
  @SuppressWarnings("ReferenceEquality")
  private static boolean is(SqlAggFunction function, SqlAggFunction which) {
    return function == which;
  }

  /** The final stage's function for a call: how its partial states merge. */
  private static SqlAggFunction mergeOf(AggregateCall call) {
    SqlAggFunction function = call.getAggregation();
    if (function.getKind() == SqlKind.COUNT) {
      return CountMerge.FUNCTION;
    }
    if (is(function, ExactSum.SUM)) {
      return SqlStdOperatorTable.SUM;
    }
    if (is(function, ExactSum.SUM0)) {
      return SqlStdOperatorTable.SUM0;
    }
    if (is(function, DoubleExtremes.MIN) || is(function, DoubleExtremes.MAX)) {
      return function;
    }
    return function.getKind() == SqlKind.MIN
        ? SqlStdOperatorTable.MIN
        : function.getKind() == SqlKind.MAX ? SqlStdOperatorTable.MAX : function;
  }

  /** The final aggregate over the partial groups, with the original's field names and types. */
  private static RelNode finalAggregate(
      Aggregate original, ArrowtapTableScan partialScan, List<SqlAggFunction> merges) {
    int keys = original.getGroupCount();
    List<AggregateCall> calls = new ArrayList<>();
    for (int i = 0; i < merges.size(); i++) {
      calls.add(
          AggregateCall.create(
              merges.get(i),
              false,
              List.of(keys + i),
              keys,
              partialScan,
              null,
              original.getAggCallList().get(i).getName()));
    }
    RelNode merged =
        LogicalAggregate.create(partialScan, List.of(), ImmutableBitSet.range(keys), null, calls);
    return RelOptUtil.createCastRel(merged, original.getRowType(), true);
  }
}
