package dev.arrowtap.source.numbers;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.plan.LiteralParameter;
import java.util.List;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;

/**
 * The SQL function {@code numbers(start, end)}: the integers from start (inclusive) to end
 * (exclusive). Expanded at plan time so that EXPLAIN shows its tasks.
 */
public final class NumbersTableMacro implements TableMacro {
  private final SessionSettings settings;
  private final ExecutionServices services;

  public NumbersTableMacro(SessionSettings settings, ExecutionServices services) {
    this.settings = settings;
    this.services = services;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(new LiteralParameter(0, "start", false), new LiteralParameter(1, "end", false));
  }

  @Override
  public TranslatableTable apply(List<?> arguments) {
    long start = bound(arguments.get(0), "start");
    long end = bound(arguments.get(1), "end");
    if (end < start) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT,
          "numbers(" + start + ", " + end + "): end must not be less than start");
    }
    try {
      Math.subtractExact(end, start);
    } catch (ArithmeticException e) {
      throw new ArrowtapException(
          SqlStates.INVALID_ARGUMENT,
          "numbers(" + start + ", " + end + "): the range holds more than 2^63 numbers");
    }
    return new NumbersTable(start, end, settings, services);
  }

  private static long bound(Object value, String name) {
    if (value == null) {
      throw new ArrowtapException(
          SqlStates.NULL_NOT_ALLOWED, "numbers(start, end): " + name + " must not be NULL");
    }
    return LiteralParameter.wholeNumber(value).orElseThrow(() -> notInteger(name, value));
  }

  private static ArrowtapException notInteger(String name, Object value) {
    return new ArrowtapException(
        SqlStates.INVALID_ARGUMENT,
        "numbers(start, end): " + name + " must be a whole number (BIGINT), not " + value);
  }
}
