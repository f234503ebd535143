package dev.arrowtap.plan;

import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoinRule;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
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
 */
final class LookupRules {
  /**
   * Outer rows per lookup batch. Calcite generates one variable per row of a batch, and warns that
   * around 1,000 the generated code grows too large; 100 keeps it small.
   */
  static final int BATCH = 100;

  private static final EnumerableBatchNestedLoopJoinRule BATCH_JOIN =
      EnumerableBatchNestedLoopJoinRule.Config.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(LogicalJoin.class).predicate(LookupRules::rightKeyIsLookup).anyInputs())
          .withDescription("ArrowtapLookupJoinRule")
          .as(EnumerableBatchNestedLoopJoinRule.Config.class)
          .withBatchSize(BATCH)
          .toRule();

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

  private LookupRules() {}

  static void register(RelOptPlanner planner) {
    planner.addRule(LookupScanRule.INSTANCE);
    planner.addRule(LookupScanRule.THROUGH_PROJECT);
    planner.addRule(BATCH_JOIN);
    planner.addRule(COMMUTE);
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

  private static boolean keyIsLookup(Join join, boolean lookupOnLeft) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (conjunct.getKind() != SqlKind.EQUALS) {
        continue;
      }
      RexCall equals = (RexCall) conjunct;
      for (RexNode operand : equals.getOperands()) {
        RexNode other =
            equals.getOperands().get(0) == operand
                ? equals.getOperands().get(1)
                : equals.getOperands().get(0);
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
        if (isLookupColumn(lookupOnLeft ? join.getLeft() : join.getRight(), index)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isLookupColumn(RelNode input, int index) {
    return origin(input, index, 0);
  }

  /**
   * Whether output column {@code index} of {@code rel} is a lookup column of a scan below it,
   * passed through unchanged by filters and projections. Calcite's column-origin metadata cannot
   * answer for a scan that reads fewer columns than its table, so this follows the inputs itself.
   */
  private static boolean origin(RelNode rel, int index, int depth) {
    if (depth > 20) {
      return false;
    }
    if (rel instanceof RelSubset subset) {
      for (RelNode member : subset.getRelList()) {
        if (origin(member, index, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (rel instanceof ArrowtapTableScan scan) {
      return scan.lookup() == null && scan.scanTable().supportsLookup(scan.projection()[index]);
    }
    if (rel instanceof Filter filter) {
      return origin(filter.getInput(), index, depth + 1);
    }
    if (rel instanceof Project project
        && project.getProjects().get(index) instanceof RexInputRef ref) {
      return origin(project.getInput(), ref.getIndex(), depth + 1);
    }
    return false;
  }
}
