package dev.arrowtap.engine;

import dev.arrowtap.plan.ExactSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Casts the argument of each integer {@code SUM} to the sum's wider type ({@link
 * ArrowtapTypeSystem}: DECIMAL for BIGINT, BIGINT for INTEGER), in aggregates and windows, so that
 * Calcite's generated code adds in that type. Calcite derives the wider type but would still add in
 * the argument's type, and cannot add a {@code long} to a {@code BigDecimal} at all.
 */
final class WideSums extends RelHomogeneousShuttle {
  private final RexBuilder rexBuilder;

  WideSums(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode node = super.visit(other).accept(new OverArguments());
    return node instanceof Aggregate aggregate ? widen(aggregate) : node;
  }

  private static boolean isSum(SqlKind kind) {
    return kind == SqlKind.SUM || kind == SqlKind.SUM0;
  }

  /** True when an integer argument must be cast to the sum's type first. */
  private static boolean needsCast(RelDataType argument, RelDataType sum) {
    return SqlTypeName.INT_TYPES.contains(argument.getSqlTypeName())
        && argument.getSqlTypeName() != sum.getSqlTypeName();
  }

  private RelNode widen(Aggregate aggregate) {
    RelNode input = aggregate.getInput();
    List<RexNode> projects = new ArrayList<>(rexBuilder.identityProjects(input.getRowType()));
    List<AggregateCall> calls = new ArrayList<>();
    boolean changed = false;
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (isSum(call.getAggregation().getKind())
          && call.getArgList().size() == 1
          && !call.isDistinct()) {
        RexNode argument = projects.get(call.getArgList().get(0));
        if (needsCast(argument.getType(), call.getType())) {
          // The fast exact sum: long additions until the total needs more.
          calls.add(
              AggregateCall.create(
                  call.getAggregation().getKind() == SqlKind.SUM ? ExactSum.SUM : ExactSum.SUM0,
                  false,
                  call.isApproximate(),
                  call.ignoreNulls(),
                  call.rexList,
                  call.getArgList(),
                  call.filterArg,
                  call.distinctKeys,
                  call.collation,
                  call.type,
                  call.name));
          changed = true;
          continue;
        }
      }
      if (isSum(call.getAggregation().getKind()) && call.getArgList().size() == 1) {
        RexNode argument = projects.get(call.getArgList().get(0));
        if (needsCast(argument.getType(), call.getType())) {
          RelDataType target =
              rexBuilder
                  .getTypeFactory()
                  .createTypeWithNullability(call.getType(), argument.getType().isNullable());
          projects.add(rexBuilder.makeCast(target, argument));
          calls.add(call.withArgList(List.of(projects.size() - 1)));
          changed = true;
          continue;
        }
      }
      calls.add(call);
    }
    if (!changed) {
      return aggregate;
    }
    RelNode project =
        LogicalProject.create(input, List.of(), projects, (List<String>) null, Set.of());
    return aggregate.copy(
        aggregate.getTraitSet(), project, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
  }

  /** The same for windowed sums ({@code SUM(x) OVER (...)}). */
  private final class OverArguments extends RexShuttle {
    private RelDataType castTo;

    @Override
    public RexNode visitOver(RexOver over) {
      if (isSum(over.getAggOperator().getKind())
          && over.getOperands().size() == 1
          && needsCast(over.getOperands().get(0).getType(), over.getType())) {
        castTo = over.getType();
      }
      return super.visitOver(over);
    }

    @Override
    protected List<RexNode> visitList(List<? extends RexNode> exprs, boolean[] update) {
      if (castTo == null) {
        return super.visitList(exprs, update);
      }
      // Called first for the over's own operands, before its window: cast just those.
      RelDataType target = castTo;
      castTo = null;
      List<RexNode> cast = new ArrayList<>();
      for (RexNode expr : super.visitList(exprs, update)) {
        cast.add(
            rexBuilder.makeCast(
                rexBuilder
                    .getTypeFactory()
                    .createTypeWithNullability(target, expr.getType().isNullable()),
                expr));
      }
      if (update != null) {
        update[0] = true;
      }
      return cast;
    }
  }
}
