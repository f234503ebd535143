package dev.arrowtap.plan;

import java.math.BigDecimal;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * The aggregate behind {@code SUM} of integers: adds in a {@code long} while the total fits and
 * goes on in BigDecimal once it does not, so the DECIMAL(38, 0) result is exact and the common case
 * costs a long addition per row, not a BigDecimal allocation. Public with public methods because
 * Calcite's generated code calls them; in {@code plan} because the aggregate pushdown recognises
 * it.
 */
public final class ExactSum {
  /** The running total of one group. */
  public static final class Total {
    private long small;
    private BigDecimal large;
  }

  /**
   * The SQL aggregate the engine's {@code WideSums} puts in place of Calcite's SUM on integer
   * arguments.
   */
  public static final SqlUserDefinedAggFunction SUM = function("SUM", ReturnTypes.AGG_SUM);

  /** The same for {@code $SUM0}, whose empty sum is 0 rather than NULL. */
  public static final SqlUserDefinedAggFunction SUM0 =
      function("$SUM0", ReturnTypes.AGG_SUM_EMPTY_IS_ZERO);

  private static SqlUserDefinedAggFunction function(String name, SqlReturnTypeInference type) {
    return new SqlUserDefinedAggFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        type,
        InferTypes.FIRST_KNOWN,
        null,
        AggregateFunctionImpl.create(ExactSum.class),
        false,
        false,
        Optionality.FORBIDDEN);
  }

  public Total init() {
    return new Total();
  }

  public Total add(Total total, long value) {
    if (total.large != null) {
      total.large = total.large.add(BigDecimal.valueOf(value));
      return total;
    }
    long sum = total.small + value;
    // Overflow only when both operands have the same sign and the result has the other one.
    if (((total.small ^ sum) & (value ^ sum)) < 0) {
      total.large = BigDecimal.valueOf(total.small).add(BigDecimal.valueOf(value));
    } else {
      total.small = sum;
    }
    return total;
  }

  public BigDecimal result(Total total) {
    return total.large != null ? total.large : BigDecimal.valueOf(total.small);
  }
}
