package dev.arrowtap.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Turns the filter a batch nested-loop join puts on its inner side, {@code $cor0.id = postId OR
 * $cor1.id = postId OR ...}, into a lookup scan: at run time each batch's values become requests
 * (one per value, or chunks the catalog allows) instead of a read of the whole feed.
 *
 * <p>With one request per value, every row the scan returns has exactly a requested value in that
 * column, so the disjunction is dropped. With chunked requests the feed says which value each
 * record answers, and a record for a value not asked for is dropped by the batch join's own
 * condition, so rows are exact whatever the API returns.
 */
final class LookupScanRule extends RelOptRule {
  @SuppressWarnings("deprecation") // the operand helpers, as in FilterScanRule
  static final LookupScanRule INSTANCE =
      new LookupScanRule(
          operand(LogicalFilter.class, operand(ArrowtapTableScan.class, none())),
          "ArrowtapLookupScanRule");

  /** The same through the projection that narrows a join's input to the columns it uses. */
  @SuppressWarnings("deprecation")
  static final LookupScanRule THROUGH_PROJECT =
      new LookupScanRule(
          operand(
              LogicalFilter.class,
              operand(LogicalProject.class, operand(ArrowtapTableScan.class, none()))),
          "ArrowtapLookupScanRule:project");

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private LookupScanRule(RelOptRuleOperand operand, String description) {
    super(operand, description);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    ArrowtapTableScan scan =
        call.rels.length == 3 ? narrowed(call.rel(1), call.rel(2)) : call.rel(1);
    if (scan == null || scan.lookup() != null || scan.partial() != null) {
      return;
    }
    List<RexNode> rest = new ArrayList<>();
    ArrowtapTableScan.Lookup lookup = null;
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      Optional<ArrowtapTableScan.Lookup> found =
          lookup == null ? lookupOf(conjunct, scan) : Optional.empty();
      if (found.isPresent()) {
        lookup = found.get();
        // A batch join (many correlation variables) checks its own condition on every pair, so
        // rows a chunked request returns beyond those asked for never reach its output; a single
        // correlated filter (a correlated subquery) is the only check, so it stays.
        if (scan.scanTable().lookupChunk(lookup.column()) > 1 && lookup.values().size() == 1) {
          rest.add(conjunct);
        }
      } else {
        rest.add(conjunct);
      }
    }
    if (lookup == null) {
      return;
    }
    RelNode lookupScan =
        new ArrowtapTableScan(
            scan.getCluster(),
            scan.getTable(),
            scan.scanTable(),
            scan.projection(),
            scan.bindings(),
            lookup);
    if (rest.isEmpty()) {
      call.transformTo(lookupScan);
    } else {
      RexNode condition = RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), rest);
      call.transformTo(filter.copy(filter.getTraitSet(), lookupScan, condition));
    }
  }

  /** A projection of plain columns folded into the scan's own column list, or null. */
  private static ArrowtapTableScan narrowed(LogicalProject project, ArrowtapTableScan scan) {
    int[] current = scan.projection();
    int[] composed = new int[project.getProjects().size()];
    for (int i = 0; i < composed.length; i++) {
      if (!(project.getProjects().get(i) instanceof RexInputRef ref)) {
        return null;
      }
      composed[i] = current[ref.getIndex()];
    }
    if (Arrays.stream(composed).distinct().count() != composed.length) {
      return null;
    }
    return scan.withProjection(composed);
  }

  /** {@code col = <correlated>} or an OR of such on one lookup column, as a lookup. */
  private static Optional<ArrowtapTableScan.Lookup> lookupOf(RexNode node, ArrowtapTableScan scan) {
    int input = LookupRules.lookupColumn(node);
    if (input < 0) {
      return Optional.empty();
    }
    List<RexNode> values = new ArrayList<>();
    for (RexNode disjunct : RelOptUtil.disjunctions(node)) {
      values.add(LookupRules.lookupValue(disjunct));
    }
    int tableColumn = scan.projection()[input];
    if (!scan.scanTable().supportsLookup(tableColumn) || scan.bindings().containsKey(tableColumn)) {
      return Optional.empty();
    }
    return Optional.of(new ArrowtapTableScan.Lookup(tableColumn, values));
  }
}
