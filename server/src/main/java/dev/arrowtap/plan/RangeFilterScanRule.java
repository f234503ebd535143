package dev.arrowtap.plan;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Hands comparisons of a column with a literal ({@code =}, {@code >=}, {@code >}, {@code <=},
 * {@code <}, and {@code BETWEEN} as two of them) to a scan whose source can apply them, as its
 * table declares. A comparison the source applies exactly leaves the plan; any other stays above
 * the scan, so rows are exactly what the query asked for either way.
 */
final class RangeFilterScanRule extends RelOptRule {
  static final RangeFilterScanRule INSTANCE = new RangeFilterScanRule();

  @SuppressWarnings(
      "deprecation") // the operand helpers; Calcite's replacement needs generated configs
  private RangeFilterScanRule() {
    super(
        operand(LogicalFilter.class, operand(ArrowtapTableScan.class, none())),
        "ArrowtapRangeFilterScanRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    ArrowtapTableScan scan = call.rel(1);
    if (scan.partial() != null) {
      return; // it produces groups, not the table's rows
    }
    // A filter above a limited scan applies to its first rows, not to the source's; a lookup scan
    // plans its requests per batch and takes no other comparisons.
    if (scan.limit() >= 0 || scan.lookup() != null) {
      return;
    }
    RexBuilder rex = filter.getCluster().getRexBuilder();
    int[] projection = scan.projection();
    List<PushedFilter> pushed = new ArrayList<>(scan.filters());
    List<RexNode> remaining = new ArrayList<>();
    boolean changed = false;
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      Optional<List<Comparison>> span = span(conjunct);
      if (span.isPresent()) {
        // Several ranges on one column (id > 994 AND id <> 997): their span narrows the request,
        // and the whole conjunct stays in the query.
        for (Comparison c : span.get()) {
          scan.scanTable()
              .pushFilter(projection[c.input], c.op, c.value, List.copyOf(pushed))
              .ifPresent(f -> pushed.add(new PushedFilter(f.column(), f.op(), f.value(), false)));
        }
        changed |= pushed.size() > scan.filters().size();
        remaining.add(conjunct);
        continue;
      }
      RexNode expanded = RexUtil.expandSearch(rex, null, conjunct);
      List<RexNode> parts = RelOptUtil.conjunctions(expanded);
      List<RexNode> kept = new ArrayList<>();
      for (RexNode part : parts) {
        Optional<PushedFilter> accepted =
            comparison(part)
                .flatMap(
                    c ->
                        scan.scanTable()
                            .pushFilter(projection[c.input], c.op, c.value, List.copyOf(pushed)));
        if (accepted.isPresent()) {
          pushed.add(accepted.get());
          changed = true;
          if (!accepted.get().exact()) {
            kept.add(part);
          }
        } else {
          kept.add(part);
        }
      }
      // A conjunct left whole keeps its original form (a SEARCH stays a SEARCH).
      remaining.add(kept.size() == parts.size() ? conjunct : RexUtil.composeConjunction(rex, kept));
    }
    if (!changed) {
      return;
    }
    ArrowtapTableScan narrowed = scan.withFilters(pushed);
    RexNode condition = RexUtil.composeConjunction(rex, remaining);
    if (condition.isAlwaysTrue()) {
      call.transformTo(narrowed);
    } else {
      call.transformTo(filter.copy(filter.getTraitSet(), narrowed, condition));
    }
  }

  /** {@code $i op literal}, with the column on the left. */
  private record Comparison(int input, String op, Object value) {}

  private static Optional<Comparison> comparison(RexNode node) {
    String op =
        switch (node.getKind()) {
          case EQUALS -> "=";
          case GREATER_THAN -> ">";
          case GREATER_THAN_OR_EQUAL -> ">=";
          case LESS_THAN -> "<";
          case LESS_THAN_OR_EQUAL -> "<=";
          default -> null;
        };
    if (op == null) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    RexNode left = RexUtil.removeCast(call.getOperands().get(0));
    RexNode right = RexUtil.removeCast(call.getOperands().get(1));
    if (left instanceof RexLiteral && right instanceof RexInputRef) {
      RexNode swap = left;
      left = right;
      right = swap;
      op = flip(op);
    }
    if (!(left instanceof RexInputRef input) || !(right instanceof RexLiteral literal)) {
      return Optional.empty();
    }
    Object value = value(literal);
    return value == null
        ? Optional.empty()
        : Optional.of(new Comparison(input.getIndex(), op, value));
  }

  /** The bounds of a SEARCH over several ranges of one column; empty for anything else. */
  private static Optional<List<Comparison>> span(RexNode node) {
    if (node.getKind() != SqlKind.SEARCH) {
      return Optional.empty();
    }
    RexCall call = (RexCall) node;
    RexNode ref = RexUtil.removeCast(call.getOperands().get(0));
    if (!(ref instanceof RexInputRef input)
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return Optional.empty();
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null || sarg.rangeSet.asRanges().size() < 2) {
      return Optional.empty();
    }
    Range<?> span = sarg.rangeSet.span();
    List<Comparison> bounds = new ArrayList<>();
    if (span.hasLowerBound()) {
      Object value = endpoint(span.lowerEndpoint());
      if (value != null) {
        String op = span.lowerBoundType() == BoundType.CLOSED ? ">=" : ">";
        bounds.add(new Comparison(input.getIndex(), op, value));
      }
    }
    if (span.hasUpperBound()) {
      Object value = endpoint(span.upperEndpoint());
      if (value != null) {
        String op = span.upperBoundType() == BoundType.CLOSED ? "<=" : "<";
        bounds.add(new Comparison(input.getIndex(), op, value));
      }
    }
    return Optional.of(bounds);
  }

  private static Object endpoint(Object value) {
    if (value instanceof BigDecimal number) {
      return number;
    }
    if (value instanceof NlsString text) {
      return text.getValue();
    }
    if (value instanceof TimestampString timestamp) {
      return java.time.Instant.ofEpochMilli(timestamp.getMillisSinceEpoch());
    }
    if (value instanceof DateString date) {
      return java.time.LocalDate.ofEpochDay(date.getDaysSinceEpoch());
    }
    return null;
  }

  private static String flip(String op) {
    return switch (op) {
      case ">" -> "<";
      case ">=" -> "<=";
      case "<" -> ">";
      case "<=" -> ">=";
      default -> op;
    };
  }

  /** The literal as the table sees it; null for a NULL or a type no source takes. */
  private static Object value(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName type = literal.getTypeName();
    return switch (type.getFamily() == null ? SqlTypeName.ANY.getFamily() : type.getFamily()) {
      case NUMERIC -> literal.getValueAs(BigDecimal.class);
      case CHARACTER -> literal.getValueAs(String.class);
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case DATE -> java.time.LocalDate.ofEpochDay(literal.getValueAs(Integer.class));
      case TIMESTAMP -> java.time.Instant.ofEpochMilli(literal.getValueAs(Long.class));
      default -> null;
    };
  }
}
