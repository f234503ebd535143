package dev.arrowtap.plan;

import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * The final stage of a pushed COUNT: adds the tasks' partial counts into a BIGINT that is 0 for no
 * rows, as COUNT is. Calcite's own {@code $SUM0} of a BIGINT is a DECIMAL under arrowtap's type
 * system. Public with public methods because Calcite's generated code calls them.
 */
public final class CountMerge {
  /** The running total of one group. */
  public static final class Total {
    private long count;
  }

  /** The aggregate, shown as {@code $SUM0} in plans. */
  static final SqlUserDefinedAggFunction FUNCTION =
      new SqlUserDefinedAggFunction(
          new SqlIdentifier("$SUM0", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.BIGINT,
          InferTypes.FIRST_KNOWN,
          null,
          AggregateFunctionImpl.create(CountMerge.class),
          false,
          false,
          Optionality.FORBIDDEN);

  public Total init() {
    return new Total();
  }

  public Total add(Total total, long count) {
    total.count = Math.addExact(total.count, count);
    return total;
  }

  public long result(Total total) {
    return total.count;
  }
}
