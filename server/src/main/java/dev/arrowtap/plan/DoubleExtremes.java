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
 * The aggregates behind {@code MIN} and {@code MAX} of a DOUBLE, with the order arrowtap documents
 * and a task's partial aggregate uses ({@link Double#compare}): NaN above every number, infinities
 * included. Calcite's own start from the largest finite double and compare with {@code <} and
 * {@code >}, so a NaN was skipped and the maximum of {@code -Infinity} alone was {@code -1.79E308}.
 * Public with public methods because Calcite's generated code calls them.
 */
public final class DoubleExtremes {
  /** The best value of one group so far. */
  public static final class Best {
    private double value;
    private boolean seen;
  }

  /** {@code MIN} of a DOUBLE. */
  public static final SqlUserDefinedAggFunction MIN = function("MIN", Min.class);

  /** {@code MAX} of a DOUBLE. */
  public static final SqlUserDefinedAggFunction MAX = function("MAX", Max.class);

  private DoubleExtremes() {}

  private static SqlUserDefinedAggFunction function(String name, Class<?> implementation) {
    return new SqlUserDefinedAggFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE_IF_EMPTY,
        InferTypes.FIRST_KNOWN,
        null,
        AggregateFunctionImpl.create(implementation),
        false,
        false,
        Optionality.IGNORED);
  }

  static Best keep(Best best, double value, boolean smaller) {
    int order = Double.compare(value, best.value);
    if (!best.seen || (smaller ? order < 0 : order > 0)) {
      best.value = value;
      best.seen = true;
    }
    return best;
  }

  static Double result(Best best) {
    return best.seen ? best.value : null;
  }

  /** {@code MIN}: the smallest by {@link Double#compare}. */
  public static final class Min {
    public Best init() {
      return new Best();
    }

    public Best add(Best best, double value) {
      return keep(best, value, true);
    }

    public Double result(Best best) {
      return DoubleExtremes.result(best);
    }
  }

  /** {@code MAX}: the largest by {@link Double#compare}, NaN when the group holds one. */
  public static final class Max {
    public Best init() {
      return new Best();
    }

    public Best add(Best best, double value) {
      return keep(best, value, false);
    }

    public Double result(Best best) {
      return DoubleExtremes.result(best);
    }
  }
}
