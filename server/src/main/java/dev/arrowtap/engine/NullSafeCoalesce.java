package dev.arrowtap.engine;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlCoalesceFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Util;

/**
 * {@code COALESCE} written as {@code CASE WHEN x IS NOT NULL THEN x ... ELSE last END}. Calcite's
 * own wraps each {@code x} in a cast to NOT NULL; once the planner simplifies a {@code WHERE
 * COALESCE(x, y) = 0} into {@code CAST(x) = 0 OR (x IS NULL AND y = 0)}, that cast of a NULL
 * compiles to {@code 0}, so rows where every argument was NULL matched {@code = 0} and {@code <>
 * 1}.
 */
final class NullSafeCoalesce extends SqlCoalesceFunction {
  static final NullSafeCoalesce INSTANCE = new NullSafeCoalesce();

  @Override
  public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    validateQuantifier(validator, call);
    List<SqlNode> operands = call.getOperandList();
    if (operands.size() == 1) {
      return operands.get(0);
    }
    SqlParserPos pos = call.getParserPosition();
    SqlNodeList whenList = new SqlNodeList(pos);
    SqlNodeList thenList = new SqlNodeList(pos);
    for (SqlNode operand : Util.skipLast(operands)) {
      whenList.add(SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, operand));
      thenList.add(SqlNode.clone(operand));
    }
    return SqlCase.createSwitched(pos, null, whenList, thenList, Util.last(operands));
  }

  /**
   * An operator table that answers {@link NullSafeCoalesce} where the wrapped one has Calcite's.
   */
  static SqlOperatorTable replacing(SqlOperatorTable table) {
    return new SqlOperatorTable() {
      @Override
      public void lookupOperatorOverloads(
          SqlIdentifier opName,
          SqlFunctionCategory category,
          SqlSyntax syntax,
          List<SqlOperator> operatorList,
          SqlNameMatcher nameMatcher) {
        int before = operatorList.size();
        table.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
        for (int i = before; i < operatorList.size(); i++) {
          if (operatorList.get(i) instanceof SqlCoalesceFunction) {
            operatorList.set(i, INSTANCE);
          }
        }
      }

      @Override
      public List<SqlOperator> getOperatorList() {
        return table.getOperatorList().stream()
            .map(op -> op instanceof SqlCoalesceFunction ? INSTANCE : op)
            .toList();
      }
    };
  }
}
