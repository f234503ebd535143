package dev.arrowtap.plan;

import java.util.function.IntPredicate;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoinRule;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The rules that bind a feed's parameter from the rows of another input: a join (or {@code IN
 * (subquery)}, or {@code IN (SELECT * FROM UNNEST(?))}) whose key is a feed parameter becomes
 * Calcite's batch nested-loop join, which hands the inner side {@value #BATCH} outer rows at a
 * time; {@link LookupScanRule} then turns the inner side into a lookup scan. Only such joins are
 * touched: every other join plans as before.
 *
 * <p>Correlated subqueries reach these rules decorrelated: {@code EXISTS}, {@code NOT EXISTS} and a
 * scalar subquery become joins whose right side groups the feed by its parameter (an aggregate over
 * the scan, sometimes joined to the outer values with {@code IS NOT DISTINCT FROM}). A lookup
 * column is therefore followed through an aggregate's group keys, {@code IS NOT DISTINCT FROM}
 * counts as an equality (a lookup never returns a row for a NULL value, and SQL's NULL never equals
 * a lookup's value), and the batch's filter moves below the projections and aggregates on its way
 * to the scan. Calcite's own filter transpose rules leave correlated filters alone.
 */
final class LookupRules {
  /**
   * Outer rows per lookup batch. Calcite generates one variable per row of a batch, and warns that
   * around 1,000 the generated code grows too large; 100 keeps it small where requests take 100 ids
   * or fewer.
   */
  static final int BATCH = 100;

  /**
   * Outer rows per batch when the feed takes more than {@value #BATCH} ids a request, so that its
   * chunks can be as large as the catalog allows, up to this.
   */
  static final int LARGE_BATCH = 1000;

  private static final EnumerableBatchNestedLoopJoinRule BATCH_JOIN =
      batchJoin(BATCH, chunk -> chunk <= BATCH, "ArrowtapLookupJoinRule");

  private static final EnumerableBatchNestedLoopJoinRule LARGE_BATCH_JOIN =
      batchJoin(LARGE_BATCH, chunk -> chunk > BATCH, "ArrowtapLookupJoinRule:large");

  private static final JoinCommuteRule COMMUTE =
      JoinCommuteRule.Config.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(LogicalJoin.class)
                      .predicate(
                          join ->
                              join.getJoinType() == JoinRelType.INNER
                                  && leftKeyIsLookup(join)
                                  && !rightKeyIsLookup(join))
                      .anyInputs())
          .withDescription("ArrowtapLookupCommuteRule")
          .as(JoinCommuteRule.Config.class)
          .toRule();

  /** Moves a batch join's lookup filter below a projection, towards the scan it binds. */
  private static final FilterProjectTransposeRule LOOKUP_FILTER_PROJECT =
      FilterProjectTransposeRule.Config.DEFAULT
          .withOperandFor(
              LogicalFilter.class, LookupRules::isLookupFilter, LogicalProject.class, p -> true)
          .withDescription("ArrowtapLookupFilterProjectTransposeRule")
          .as(FilterProjectTransposeRule.Config.class)
          .toRule();

  private LookupRules() {}

  private static EnumerableBatchNestedLoopJoinRule batchJoin(
      int size, IntPredicate chunks, String description) {
    return EnumerableBatchNestedLoopJoinRule.Config.DEFAULT
        .withOperandSupplier(
            b ->
                b.operand(LogicalJoin.class)
                    .predicate(
                        join -> rightKeyIsLookup(join) && chunks.test(rightLookupChunk(join)))
                    .anyInputs())
        .withDescription(description)
        .as(EnumerableBatchNestedLoopJoinRule.Config.class)
        .withBatchSize(size)
        .toRule();
  }

  static void register(RelOptPlanner planner) {
    planner.addRule(LookupScanRule.INSTANCE);
    planner.addRule(LookupScanRule.THROUGH_PROJECT);
    planner.addRule(BATCH_JOIN);
    planner.addRule(LARGE_BATCH_JOIN);
    planner.addRule(COMMUTE);
    planner.addRule(LOOKUP_FILTER_PROJECT);
  }

  /**
   * The filter holds {@code col = <correlated>} (or an OR of such, or {@code IS NOT DISTINCT FROM})
   * on a column of its input that is a lookup column of a scan below: a batch join's filter on its
   * way to the scan.
   */
  static boolean isLookupFilter(Filter filter) {
    if (!RexUtil.containsCorrelation(filter.getCondition())) {
      return false;
    }
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      int column = lookupColumn(conjunct);
      if (column >= 0 && origin(filter.getInput(), column, 0) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The input column that {@code node} compares with values known per batch, {@code col =
   * <correlated>} or an OR of such on one column; -1 if it is not of that form.
   */
  static int lookupColumn(RexNode node) {
    int input = -1;
    for (RexNode disjunct : RelOptUtil.disjunctions(node)) {
      if (!isEquality(disjunct)) {
        return -1;
      }
      RexCall equals = (RexCall) disjunct;
      RexNode left = equals.getOperands().get(0);
      RexNode right = equals.getOperands().get(1);
      boolean leftIsColumn = left instanceof RexInputRef;
      RexNode ref = leftIsColumn ? left : right;
      RexNode value = leftIsColumn ? right : left;
      if (!(ref instanceof RexInputRef column) || !isRuntimeValue(value)) {
        return -1;
      }
      if (input >= 0 && input != column.getIndex()) {
        return -1;
      }
      input = column.getIndex();
    }
    return input;
  }

  /** The value side of {@code node} (an equality of {@link #lookupColumn} form) for its column. */
  static RexNode lookupValue(RexNode equality) {
    RexCall equals = (RexCall) equality;
    return equals.getOperands().get(0) instanceof RexInputRef
        ? equals.getOperands().get(1)
        : equals.getOperands().get(0);
  }

  /**
   * {@code =}, or {@code IS NOT DISTINCT FROM}, which decorrelated subqueries use: for a lookup the
   * two agree, since a lookup never answers a NULL value and returns no row whose value is NULL.
   */
  static boolean isEquality(RexNode node) {
    return node.getKind() == SqlKind.EQUALS || node.getKind() == SqlKind.IS_NOT_DISTINCT_FROM;
  }

  /** An expression of correlation variables only: known per batch, not per row of this scan. */
  static boolean isRuntimeValue(RexNode value) {
    return RexUtil.containsCorrelation(value)
        && RelOptUtil.InputFinder.bits(value).isEmpty()
        && RexUtil.isDeterministic(value);
  }

  /** The join compares a column of its left input with a lookup column of its right input. */
  static boolean rightKeyIsLookup(Join join) {
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.SEMI) {
      return false;
    }
    return keyIsLookup(join, false);
  }

  static boolean leftKeyIsLookup(Join join) {
    return keyIsLookup(join, true);
  }

  /** The most ids one request of the right side's lookup takes (1 a request, or a chunk). */
  static int rightLookupChunk(Join join) {
    return lookupChunk(join, false);
  }

  private static boolean keyIsLookup(Join join, boolean lookupOnLeft) {
    return lookupChunk(join, lookupOnLeft) > 0;
  }

  /** The largest chunk of a lookup column among the join's keys on one side; 0 for none. */
  private static int lookupChunk(Join join, boolean lookupOnLeft) {
    int best = 0;
    int leftCount = join.getLeft().getRowType().getFieldCount();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (!isEquality(conjunct)) {
        continue;
      }
      RexCall equals = (RexCall) conjunct;
      for (int side = 0; side < 2; side++) {
        RexNode operand = equals.getOperands().get(side);
        RexNode other = equals.getOperands().get(1 - side);
        if (!(operand instanceof RexInputRef ref)
            || !(RexUtil.removeCast(other) instanceof RexInputRef otherRef)) {
          continue;
        }
        boolean refOnLeft = ref.getIndex() < leftCount;
        boolean otherOnLeft = otherRef.getIndex() < leftCount;
        if (refOnLeft != lookupOnLeft || otherOnLeft == lookupOnLeft) {
          continue;
        }
        int index = lookupOnLeft ? ref.getIndex() : ref.getIndex() - leftCount;
        best = Math.max(best, origin(lookupOnLeft ? join.getLeft() : join.getRight(), index, 0));
      }
    }
    return best;
  }

  /**
   * If output column {@code index} of {@code rel} is a lookup column of a scan below it, passed
   * through unchanged by filters and projections, the most ids one request takes; else 0. Calcite's
   * column-origin metadata cannot answer for a scan that reads fewer columns than its table, so
   * this follows the inputs itself.
   */
  private static int origin(RelNode rel, int index, int depth) {
    if (depth > 20) {
      return 0;
    }
    if (rel instanceof RelSubset subset) {
      int best = 0;
      for (RelNode member : subset.getRelList()) {
        best = Math.max(best, origin(member, index, depth + 1));
      }
      return best;
    }
    if (rel instanceof ArrowtapTableScan scan) {
      int column = scan.projection()[index];
      return scan.lookup() == null && scan.scanTable().supportsLookup(column)
          ? scan.scanTable().lookupChunk(column)
          : 0;
    }
    if (rel instanceof Filter filter) {
      return origin(filter.getInput(), index, depth + 1);
    }
    if (rel instanceof Aggregate aggregate
        && aggregate.getGroupType() == Aggregate.Group.SIMPLE
        && index < aggregate.getGroupCount()) {
      return origin(aggregate.getInput(), aggregate.getGroupSet().nth(index), depth + 1);
    }
    if (rel instanceof Project project
        && project.getProjects().get(index) instanceof RexInputRef ref) {
      return origin(project.getInput(), ref.getIndex(), depth + 1);
    }
    return 0;
  }
}
