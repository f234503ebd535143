package dev.arrowtap.plan;

import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Tells a scan how many rows a {@code LIMIT} directly above it needs ({@code OFFSET} included), so
 * that a feed stops requesting pages once it has them, and asks for a small page where it can. The
 * LIMIT stays above the scan and cuts exactly. Matches the logical sort and, since the planner
 * keeps a scan narrowed by {@link ProjectScanRule} among the physical nodes, the physical limit.
 */
final class LimitScanRule extends RelOptRule {
  static final LimitScanRule LOGICAL = new LimitScanRule(LogicalSort.class, "Logical");
  static final LimitScanRule PHYSICAL = new LimitScanRule(EnumerableLimit.class, "Enumerable");

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private LimitScanRule(Class<? extends RelNode> limit, String kind) {
    super(
        operand(limit, operand(ArrowtapTableScan.class, none())),
        "Arrowtap" + kind + "LimitScanRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode limit = call.rel(0);
    ArrowtapTableScan scan = call.rel(1);
    if (scan.partial() != null) {
      return; // it produces groups, not the table's rows
    }
    if (scan.lookup() != null) {
      return; // a lookup reads per batch of ids; a limit applies to the join above it
    }
    RexNode fetchNode;
    RexNode offsetNode;
    if (limit instanceof LogicalSort sort) {
      // ORDER BY ... LIMIT needs every row before it can choose.
      if (!sort.getCollation().getFieldCollations().isEmpty()) {
        return;
      }
      fetchNode = sort.fetch;
      offsetNode = sort.offset;
    } else {
      fetchNode = ((EnumerableLimit) limit).fetch;
      offsetNode = ((EnumerableLimit) limit).offset;
    }
    if (!scan.scanTable().supportsLimit() || fetchNode == null) {
      return;
    }
    long fetch = literal(fetchNode);
    long offset = offsetNode == null ? 0 : literal(offsetNode);
    if (fetch < 0 || offset < 0) {
      return; // a dynamic parameter: not known at plan time
    }
    long needed = fetch + offset;
    if (needed < 0 || (scan.limit() >= 0 && scan.limit() <= needed)) {
      return;
    }
    ArrowtapTableScan limited = scan.withLimit(needed);
    if (limit instanceof LogicalSort sort) {
      call.transformTo(
          sort.copy(sort.getTraitSet(), limited, sort.getCollation(), sort.offset, sort.fetch));
    } else {
      call.transformTo(EnumerableLimit.create(limited, offsetNode, fetchNode));
    }
  }

  private static long literal(RexNode node) {
    if (node instanceof RexLiteral literal) {
      Long value = literal.getValueAs(Long.class);
      return value == null ? -1 : value;
    }
    return -1;
  }
}
