package dev.arrowtap.sys;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.plan.LiteralParameter;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/** Builds the table functions of the {@code sys} schema, each taking one whole-number argument. */
final class SysFunctions {
  private SysFunctions() {}

  /** A function {@code name(parameter)} whose table is built from the argument at plan time. */
  static TableMacro wholeNumberMacro(
      String name, String parameter, long min, long max, Function<Long, TranslatableTable> table) {
    return new TableMacro() {
      @Override
      public List<FunctionParameter> getParameters() {
        return List.of(new LiteralParameter(0, parameter, false));
      }

      @Override
      public TranslatableTable apply(List<?> arguments) {
        return table.apply(wholeNumber(name, parameter, arguments.get(0), min, max));
      }
    };
  }

  private static long wholeNumber(String name, String parameter, Object value, long min, long max) {
    OptionalLong literal = LiteralParameter.wholeNumber(value);
    if (literal.isEmpty()) {
      throw new ArrowtapException(
          value == null ? SqlStates.NULL_NOT_ALLOWED : SqlStates.INVALID_ARGUMENT,
          name + "(" + parameter + "): " + parameter + " must be a whole number, not " + value);
    }
    long number = literal.getAsLong();
    if (number < min || number > max) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT,
          name + "(" + parameter + "): " + parameter + " must be between " + min + " and " + max);
    }
    return number;
  }
}
