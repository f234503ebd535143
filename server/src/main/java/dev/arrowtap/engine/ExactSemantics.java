package dev.arrowtap.engine;

import dev.arrowtap.plan.DoubleExtremes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Puts arrowtap's own implementations where Calcite's give wrong answers, before planning (see
 * {@link SqlRuntime}): string functions count characters, DECIMAL division is exact to its scale,
 * {@code ABS} and {@code ROUND} are checked, casts between TIMESTAMP and TIMESTAMP WITH LOCAL TIME
 * ZONE keep the milliseconds, {@code MIN}/{@code MAX} of a DOUBLE follow the documented NaN order,
 * {@code -0.0} and {@code 0.0} are one group, one distinct value and equal join keys, and {@code
 * ORDER BY} a DOUBLE holding NaN or an infinity sorts instead of failing.
 */
final class ExactSemantics extends RelHomogeneousShuttle {
  private static final SqlOperator CHAR_LENGTH =
      function("CHAR_LENGTH", ReturnTypes.INTEGER_NULLABLE, "charLength", String.class);
  private static final SqlOperator SUBSTRING2 =
      function(
          "SUBSTRING", ReturnTypes.ARG0_NULLABLE_VARYING, "substring", String.class, int.class);
  private static final SqlOperator SUBSTRING3 =
      function(
          "SUBSTRING",
          ReturnTypes.ARG0_NULLABLE_VARYING,
          "substring",
          String.class,
          int.class,
          int.class);
  private static final SqlOperator POSITION2 =
      function("POSITION", ReturnTypes.INTEGER_NULLABLE, "position", String.class, String.class);
  private static final SqlOperator POSITION3 =
      function(
          "POSITION",
          ReturnTypes.INTEGER_NULLABLE,
          "position",
          String.class,
          String.class,
          int.class);
  private static final SqlOperator DIVIDE =
      function(
          "DIVIDE",
          ReturnTypes.DECIMAL_QUOTIENT_NULLABLE,
          "divide",
          java.math.BigDecimal.class,
          java.math.BigDecimal.class,
          int.class);
  private static final SqlOperator ABS_BIGINT =
      function("ABS", ReturnTypes.ARG0, "abs", long.class);
  private static final SqlOperator ABS_INTEGER =
      function("ABS", ReturnTypes.ARG0, "abs", int.class);
  private static final SqlOperator ROUND1 =
      function("ROUND", ReturnTypes.ARG0, "round", double.class);
  private static final SqlOperator ROUND2 =
      function("ROUND", ReturnTypes.ARG0, "round", double.class, int.class);
  private static final SqlOperator KEY = function("KEY", ReturnTypes.ARG0, "key", double.class);

  private final RexBuilder rexBuilder;
  private final RelDataTypeFactory types;
  private final Set<RelNode> sortedProjects = Collections.newSetFromMap(new IdentityHashMap<>());

  ExactSemantics(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
    this.types = rexBuilder.getTypeFactory();
  }

  private static SqlOperator function(
      String name, SqlReturnTypeInference type, String method, Class<?>... parameters) {
    Method implementation;
    try {
      implementation = SqlRuntime.class.getMethod(method, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        type,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(implementation));
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode node = super.visit(other).accept(new Expressions());
    if (node instanceof Aggregate aggregate) {
      return aggregate(aggregate);
    }
    if (node instanceof Join join) {
      return join(join);
    }
    if (node instanceof Sort sort) {
      return sort(sort);
    }
    return node;
  }

  private static boolean isDouble(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    return name == SqlTypeName.DOUBLE || name == SqlTypeName.FLOAT;
  }

  private RexNode key(RexNode value) {
    return rexBuilder.makeCall(value.getType(), KEY, List.of(value));
  }

  /** The input with each DOUBLE field in {@code fields} replaced by its key. */
  private RelNode keyed(RelNode input, Set<Integer> fields) {
    List<RexNode> projects = new ArrayList<>(rexBuilder.identityProjects(input.getRowType()));
    boolean changed = false;
    for (int field : fields) {
      if (isDouble(projects.get(field).getType())) {
        projects.set(field, key(projects.get(field)));
        changed = true;
      }
    }
    return changed
        ? LogicalProject.create(
            input, List.of(), projects, input.getRowType().getFieldNames(), Set.of())
        : input;
  }

  private RelNode aggregate(Aggregate aggregate) {
    Set<Integer> keyed = new HashSet<>(aggregate.getGroupSet().asList());
    List<AggregateCall> calls = new ArrayList<>();
    boolean changed = false;
    RelDataType inputType = aggregate.getInput().getRowType();
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      if (call.isDistinct()) {
        keyed.addAll(call.getArgList());
      }
      if ((kind == SqlKind.MIN || kind == SqlKind.MAX)
          && call.getArgList().size() == 1
          && isDouble(inputType.getFieldList().get(call.getArgList().get(0)).getType())) {
        calls.add(
            AggregateCall.create(
                kind == SqlKind.MIN ? DoubleExtremes.MIN : DoubleExtremes.MAX,
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
      } else {
        calls.add(call);
      }
    }
    RelNode input = keyed(aggregate.getInput(), keyed);
    if (!changed && input == aggregate.getInput()) {
      return aggregate;
    }
    return aggregate.copy(
        aggregate.getTraitSet(), input, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
  }

  private RelNode join(Join join) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    Set<Integer> left = new HashSet<>();
    Set<Integer> right = new HashSet<>();
    join.getCondition()
        .accept(
            new RexShuttle() {
              @Override
              public RexNode visitCall(RexCall call) {
                if (call.getKind() == SqlKind.EQUALS
                    || call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM) {
                  for (RexNode operand : call.getOperands()) {
                    if (operand instanceof RexInputRef ref && isDouble(ref.getType())) {
                      if (ref.getIndex() < leftCount) {
                        left.add(ref.getIndex());
                      } else {
                        right.add(ref.getIndex() - leftCount);
                      }
                    }
                  }
                }
                return super.visitCall(call);
              }
            });
    if (left.isEmpty() && right.isEmpty()) {
      return join;
    }
    return join.copy(
        join.getTraitSet(),
        join.getCondition(),
        keyed(join.getLeft(), left),
        keyed(join.getRight(), right),
        join.getJoinType(),
        join.isSemiJoinDone());
  }

  /**
   * Calcite sorts on one key through a comparator that turns numbers into BigDecimal, which NaN and
   * the infinities are not; on several keys it compares doubles as Java does, NaN last. A second
   * key, the DOUBLE's {@link SqlRuntime#key}, takes the sort down that path and changes no order.
   */
  private RelNode sort(Sort sort) {
    List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
    RelNode input = sort.getInput();
    if (keys.size() != 1
        || !isDouble(
            input.getRowType().getFieldList().get(keys.get(0).getFieldIndex()).getType())) {
      return sort;
    }
    RelFieldCollation only = keys.get(0);
    List<RexNode> projects = new ArrayList<>(rexBuilder.identityProjects(input.getRowType()));
    int fields = projects.size();
    projects.add(key(projects.get(only.getFieldIndex())));
    List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    names.add("$order_key");
    RelNode widened = LogicalProject.create(input, List.of(), projects, names, Set.of());
    RelCollation collation =
        RelCollations.of(
            only, new RelFieldCollation(fields, only.getDirection(), only.nullDirection));
    RelNode sorted = LogicalSort.create(widened, collation, sort.offset, sort.fetch);
    RelNode narrowed =
        LogicalProject.create(
            sorted,
            List.of(),
            rexBuilder.identityProjects(input.getRowType()),
            input.getRowType().getFieldNames(),
            Set.of());
    sortedProjects.add(narrowed);
    return narrowed;
  }

  /**
   * Whether {@code root} is the projection above a sort this shuttle rewrote: its rows come in the
   * order the query asked for, though the planner cannot see that through the dropped key (it would
   * add Calcite's single-key sort again on top).
   */
  boolean sortedByRewrite(RelNode root) {
    return sortedProjects.contains(root);
  }

  /** The expression-level replacements. */
  private final class Expressions extends RexShuttle {
    @Override
    public RexNode visitCall(RexCall original) {
      RexCall call = (RexCall) super.visitCall(original);
      SqlOperator op = call.getOperator();
      List<RexNode> operands = call.getOperands();
      if (op.equals(SqlStdOperatorTable.CHAR_LENGTH)
          || op.equals(SqlStdOperatorTable.CHARACTER_LENGTH)) {
        return rexBuilder.makeCall(call.getType(), CHAR_LENGTH, operands);
      }
      if (op.equals(SqlStdOperatorTable.SUBSTRING) && isText(operands.get(0))) {
        return rexBuilder.makeCall(
            call.getType(),
            operands.size() == 2 ? SUBSTRING2 : SUBSTRING3,
            withIntegers(operands, 1));
      }
      if (op.equals(SqlStdOperatorTable.POSITION) && isText(operands.get(1))) {
        return rexBuilder.makeCall(
            call.getType(),
            operands.size() == 2 ? POSITION2 : POSITION3,
            withIntegers(operands, 2));
      }
      if ((call.getKind() == SqlKind.DIVIDE || call.getKind() == SqlKind.CHECKED_DIVIDE)
          && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL) {
        return rexBuilder.makeCall(
            call.getType(),
            DIVIDE,
            List.of(
                decimal(operands.get(0)),
                decimal(operands.get(1)),
                rexBuilder.makeExactLiteral(
                    java.math.BigDecimal.valueOf(call.getType().getScale()))));
      }
      if (op.equals(SqlStdOperatorTable.ABS)) {
        SqlTypeName type = call.getType().getSqlTypeName();
        if (type == SqlTypeName.BIGINT) {
          return rexBuilder.makeCall(call.getType(), ABS_BIGINT, operands);
        }
        if (type == SqlTypeName.INTEGER) {
          return rexBuilder.makeCall(call.getType(), ABS_INTEGER, operands);
        }
      }
      if (op.equals(SqlStdOperatorTable.ROUND) && isDouble(call.getType())) {
        return rexBuilder.makeCall(
            call.getType(), operands.size() == 1 ? ROUND1 : ROUND2, withIntegers(operands, 1));
      }
      if (call.getKind() == SqlKind.CAST) {
        return timestampCast(call);
      }
      return call;
    }

    private static boolean isText(RexNode node) {
      SqlTypeName name = node.getType().getSqlTypeName();
      return name == SqlTypeName.VARCHAR || name == SqlTypeName.CHAR;
    }

    /** The operands, those from {@code first} on cast to INTEGER where they are not. */
    private List<RexNode> withIntegers(List<RexNode> operands, int first) {
      List<RexNode> out = new ArrayList<>(operands);
      for (int i = first; i < out.size(); i++) {
        RexNode operand = out.get(i);
        if (operand.getType().getSqlTypeName() != SqlTypeName.INTEGER) {
          out.set(
              i,
              rexBuilder.makeCast(
                  types.createTypeWithNullability(
                      types.createSqlType(SqlTypeName.INTEGER), operand.getType().isNullable()),
                  operand));
        }
      }
      return out;
    }

    private RexNode decimal(RexNode operand) {
      RelDataType type = operand.getType();
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
        return operand;
      }
      int digits =
          switch (type.getSqlTypeName()) {
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            default -> 19;
          };
      return rexBuilder.makeCast(
          types.createTypeWithNullability(
              types.createSqlType(SqlTypeName.DECIMAL, digits, 0), type.isNullable()),
          operand);
    }

    /**
     * TIMESTAMP to TIMESTAMP WITH LOCAL TIME ZONE and back: the session's zone is UTC, so both hold
     * the same milliseconds; Calcite's cast goes through a text without them.
     */
    private RexNode timestampCast(RexCall call) {
      RexNode operand = call.getOperands().get(0);
      SqlTypeName from = operand.getType().getSqlTypeName();
      SqlTypeName to = call.getType().getSqlTypeName();
      boolean between =
          (from == SqlTypeName.TIMESTAMP && to == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
              || (from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                  && to == SqlTypeName.TIMESTAMP);
      if (between && call.getType().getPrecision() >= operand.getType().getPrecision()) {
        return rexBuilder.makeReinterpretCast(
            call.getType(), operand, rexBuilder.makeLiteral(false));
      }
      return call;
    }
  }
}
