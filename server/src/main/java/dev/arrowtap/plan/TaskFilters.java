package dev.arrowtap.plan;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dev.arrowtap.aggregate.TaskFilter;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Turns a filter condition on a scan's columns into {@link TaskFilter}s that a task evaluates on
 * its vectors exactly as Calcite would: comparisons of a column with a literal, SEARCH (IN lists,
 * BETWEEN, ranges), IS [NOT] NULL, {@code LIKE 'prefix%'}, a BOOLEAN column or its NOT, and AND/OR
 * of those. Anything else, or a literal that does not convert exactly to the column's type, and the
 * whole condition stays with Calcite.
 */
final class TaskFilters {
  private TaskFilters() {}

  /** The condition as task filters (all must hold), or empty when a part cannot be pushed. */
  static Optional<List<TaskFilter>> of(RexNode condition, TableShape shape) {
    List<TaskFilter> out = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      TaskFilter filter = convert(conjunct, shape);
      if (filter == null) {
        return Optional.empty();
      }
      out.add(filter);
    }
    return Optional.of(out);
  }

  private static TaskFilter convert(RexNode node, TableShape shape) {
    if (node instanceof RexInputRef ref && column(ref, shape).type() == ColumnType.BOOLEAN) {
      return new TaskFilter.InRanges(
          ref.getIndex(), List.of(TaskFilter.ValueRange.point("true")), false);
    }
    if (!(node instanceof RexCall call)) {
      return null;
    }
    List<RexNode> operands = call.getOperands();
    switch (call.getKind()) {
      case AND, OR -> {
        List<TaskFilter> parts = new ArrayList<>();
        for (RexNode operand : operands) {
          TaskFilter part = convert(operand, shape);
          if (part == null) {
            return null;
          }
          parts.add(part);
        }
        return call.getKind() == SqlKind.AND
            ? new TaskFilter.AllOf(parts)
            : new TaskFilter.AnyOf(parts);
      }
      case NOT -> {
        if (operands.get(0) instanceof RexInputRef ref
            && column(ref, shape).type() == ColumnType.BOOLEAN) {
          return new TaskFilter.InRanges(
              ref.getIndex(), List.of(TaskFilter.ValueRange.point("false")), false);
        }
        return null;
      }
      case IS_NULL, IS_NOT_NULL -> {
        if (!(operands.get(0) instanceof RexInputRef ref)) {
          return null;
        }
        return call.getKind() == SqlKind.IS_NULL
            ? new TaskFilter.InRanges(ref.getIndex(), List.of(), true)
            : new TaskFilter.InRanges(
                ref.getIndex(),
                List.of(new TaskFilter.ValueRange(null, false, null, false)),
                false);
      }
      case SEARCH -> {
        return search(call, shape);
      }
      case LIKE -> {
        return like(call, shape);
      }
      case EQUALS,
          NOT_EQUALS,
          LESS_THAN,
          LESS_THAN_OR_EQUAL,
          GREATER_THAN,
          GREATER_THAN_OR_EQUAL -> {
        return comparison(call, shape);
      }
      default -> {
        return null;
      }
    }
  }

  private static Column column(RexInputRef ref, TableShape shape) {
    return shape.columns().get(ref.getIndex());
  }

  private static TaskFilter comparison(RexCall call, TableShape shape) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (left instanceof RexLiteral && right instanceof RexInputRef) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
      return null;
    }
    Column column = column(ref, shape);
    String value = literalText(literal.getValue(), column);
    if (value == null) {
      return null;
    }
    List<TaskFilter.ValueRange> ranges =
        switch (kind) {
          case EQUALS -> List.of(TaskFilter.ValueRange.point(value));
          case NOT_EQUALS ->
              List.of(
                  new TaskFilter.ValueRange(null, false, value, false),
                  new TaskFilter.ValueRange(value, false, null, false));
          case LESS_THAN -> List.of(new TaskFilter.ValueRange(null, false, value, false));
          case LESS_THAN_OR_EQUAL -> List.of(new TaskFilter.ValueRange(null, false, value, true));
          case GREATER_THAN -> List.of(new TaskFilter.ValueRange(value, false, null, false));
          default -> List.of(new TaskFilter.ValueRange(value, true, null, false));
        };
    return new TaskFilter.InRanges(ref.getIndex(), ranges, false);
  }

  private static TaskFilter search(RexCall call, TableShape shape) {
    if (!(call.getOperands().get(0) instanceof RexInputRef ref)
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null) {
      return null;
    }
    Column column = column(ref, shape);
    List<TaskFilter.ValueRange> ranges = new ArrayList<>();
    for (Range<?> range : sarg.rangeSet.asRanges()) {
      String lower = null;
      String upper = null;
      boolean lowerInclusive = false;
      boolean upperInclusive = false;
      if (range.hasLowerBound()) {
        lower = literalText(range.lowerEndpoint(), column);
        if (lower == null) {
          return null;
        }
        lowerInclusive = range.lowerBoundType() == BoundType.CLOSED;
      }
      if (range.hasUpperBound()) {
        upper = literalText(range.upperEndpoint(), column);
        if (upper == null) {
          return null;
        }
        upperInclusive = range.upperBoundType() == BoundType.CLOSED;
      }
      ranges.add(new TaskFilter.ValueRange(lower, lowerInclusive, upper, upperInclusive));
    }
    return new TaskFilter.InRanges(ref.getIndex(), ranges, sarg.nullAs == RexUnknownAs.TRUE);
  }

  /** {@code col LIKE 'abc%'} with no other wildcard and no escape. */
  private static TaskFilter like(RexCall call, TableShape shape) {
    if (!call.getOperator().equals(SqlStdOperatorTable.LIKE)
        || call.getOperands().size() != 2
        || !(call.getOperands().get(0) instanceof RexInputRef ref)
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    ColumnType type = column(ref, shape).type();
    if (type != ColumnType.VARCHAR && type != ColumnType.JSON) {
      return null;
    }
    NlsString pattern = literal.getValueAs(NlsString.class);
    if (pattern == null) {
      return null;
    }
    String text = pattern.getValue();
    if (!text.endsWith("%")) {
      return null;
    }
    String prefix = text.substring(0, text.length() - 1);
    if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
      return null;
    }
    return new TaskFilter.LikePrefix(ref.getIndex(), prefix);
  }

  /**
   * A literal in the column's own terms (see {@link TaskFilter}), or null when it has another type
   * or would not convert exactly.
   */
  static String literalText(Object value, Column column) {
    if (value == null) {
      return null;
    }
    switch (column.type()) {
      case BIGINT -> {
        if (!(value instanceof BigDecimal number)) {
          return null;
        }
        try {
          return Long.toString(number.longValueExact());
        } catch (ArithmeticException e) {
          return null;
        }
      }
      case DOUBLE -> {
        return value instanceof BigDecimal number ? Double.toString(number.doubleValue()) : null;
      }
      case DECIMAL -> {
        if (!(value instanceof BigDecimal number)) {
          return null;
        }
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.scale() > column.scale()) {
          return null;
        }
        BigDecimal scaled = number.setScale(column.scale());
        return scaled.unscaledValue().bitLength() > 126 ? null : scaled.toPlainString();
      }
      case VARCHAR, JSON -> {
        return value instanceof NlsString text ? text.getValue() : null;
      }
      case DATE -> {
        return value instanceof DateString date ? Integer.toString(date.getDaysSinceEpoch()) : null;
      }
      case TIMESTAMP -> {
        if (!(value instanceof TimestampString timestamp) || !wholeMillis(timestamp)) {
          return null;
        }
        return Long.toString(timestamp.getMillisSinceEpoch());
      }
      case BOOLEAN -> {
        return value instanceof Boolean bool ? bool.toString() : null;
      }
      default -> {
        // TIMESTAMP WITH LOCAL TIME ZONE and arrays: the filter stays above the scan.
        return null;
      }
    }
  }

  private static boolean wholeMillis(TimestampString timestamp) {
    String text = timestamp.toString();
    int dot = text.indexOf('.');
    return dot < 0 || text.length() - dot - 1 <= 3 || text.substring(dot + 4).matches("0*");
  }
}
