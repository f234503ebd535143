package dev.arrowtap.plan;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Turns {@code col = value} and {@code col IN (...)} on a table's bindable columns into the scan's
 * request values: one task per value. The filter stays above the scan, so rows are exactly what the
 * query asked for whatever the source returns.
 */
final class FilterScanRule extends RelOptRule {
  static final FilterScanRule INSTANCE = new FilterScanRule();

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private FilterScanRule() {
    super(
        operand(LogicalFilter.class, operand(ArrowtapTableScan.class, none())),
        "ArrowtapFilterScanRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    ArrowtapTableScan scan = call.rel(1);
    if (scan.partial() != null) {
      return; // it produces groups, not the table's rows
    }
    Set<Integer> bindable = scan.scanTable().bindableColumns();
    // A filter above a limited scan applies to the first rows of all values, not to any value's.
    // A lookup scan's values come at run time; it takes no other bindings.
    if (bindable.isEmpty() || scan.limit() >= 0 || scan.lookup() != null) {
      return;
    }
    int[] projection = scan.projection();
    Map<Integer, List<String>> bindings = new HashMap<>(scan.bindings());
    boolean changed = false;
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      RexNode expanded = RexUtil.expandSearch(filter.getCluster().getRexBuilder(), null, conjunct);
      Optional<Binding> binding = binding(expanded);
      if (binding.isEmpty()) {
        refuseStatementParameter(expanded, scan, bindable, bindings);
        continue;
      }
      int column = projection[binding.get().input];
      if (bindable.contains(column) && !bindings.containsKey(column)) {
        bindings.put(column, binding.get().values);
        changed = true;
      }
    }
    if (changed) {
      ArrowtapTableScan bound = scan.withBindings(bindings);
      call.transformTo(filter.copy(filter.getTraitSet(), bound, filter.getCondition()));
    }
  }

  /**
   * {@code param_col = ?} (or an OR holding it) would read the parameter's default or unfiltered
   * request, planned before the value is known, and the filter above would then keep none of its
   * rows (never a silent wrong answer). Refused with the spelling that works instead.
   */
  private static void refuseStatementParameter(
      RexNode node,
      ArrowtapTableScan scan,
      Set<Integer> bindable,
      Map<Integer, List<String>> bindings) {
    if (TypeProbe.active()) {
      return; // only the parameter's type is asked for; the statement never runs
    }
    if (node.getKind() == SqlKind.OR) {
      for (RexNode operand : ((RexCall) node).getOperands()) {
        refuseStatementParameter(operand, scan, bindable, bindings);
      }
      return;
    }
    if (node.getKind() != SqlKind.EQUALS) {
      return;
    }
    RexCall call = (RexCall) node;
    RexNode left = RexUtil.removeCast(call.getOperands().get(0));
    RexNode right = RexUtil.removeCast(call.getOperands().get(1));
    RexNode ref = left instanceof RexDynamicParam ? right : left;
    RexNode param = left instanceof RexDynamicParam ? left : right;
    if (!(ref instanceof RexInputRef input) || !(param instanceof RexDynamicParam)) {
      return;
    }
    int column = scan.projection()[input.getIndex()];
    if (bindable.contains(column) && !bindings.containsKey(column)) {
      String name = scan.getRowType().getFieldNames().get(input.getIndex());
      throw new ArrowtapException(
          SqlStates.SYNTAX_OR_ACCESS_RULE,
          "feed parameter "
              + name
              + " of "
              + scan.plan().label()
              + " is compared with a statement parameter (?), whose value is not known when"
              + " the feed's requests are planned: write "
              + name
              + " = ANY(?) with an array of values, or a literal");
    }
  }

  /** A column compared with literals: {@code $0 = 'a'}, or an OR of such on one column. */
  private record Binding(int input, List<String> values) {}

  private static Optional<Binding> binding(RexNode node) {
    if (node.getKind() == SqlKind.EQUALS) {
      RexCall call = (RexCall) node;
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      RexNode ref = left instanceof RexLiteral ? right : left;
      RexNode literal = left instanceof RexLiteral ? left : right;
      ref = RexUtil.removeCast(ref);
      if (ref instanceof RexInputRef input
          && literal instanceof RexLiteral value
          && !value.isNull()) {
        return Optional.of(new Binding(input.getIndex(), List.of(text(value))));
      }
      return Optional.empty();
    }
    if (node.getKind() == SqlKind.OR) {
      Integer input = null;
      Set<String> values = new LinkedHashSet<>();
      for (RexNode operand : ((RexCall) node).getOperands()) {
        Optional<Binding> one = binding(operand);
        if (one.isEmpty() || (input != null && input != one.get().input)) {
          return Optional.empty();
        }
        input = one.get().input;
        values.addAll(one.get().values);
      }
      return input == null
          ? Optional.empty()
          : Optional.of(new Binding(input, new ArrayList<>(values)));
    }
    return Optional.empty();
  }

  private static String text(RexLiteral literal) {
    Object value = literal.getValue4();
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (!SqlTypeFamily.CHARACTER.contains(literal.getType())) {
      // A DATE, TIMESTAMP or BOOLEAN literal has no String form in Calcite (getValueAs throws);
      // it never binds a parameter (VARCHAR or BIGINT) anyway.
      return String.valueOf(value);
    }
    String text = literal.getValueAs(String.class);
    return text == null ? String.valueOf(value) : text;
  }
}
