package dev.arrowtap.aggregate;

import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task aggregates before it hands its rows on: the rows that pass every filter, grouped by
 * the key columns, with the partial state of each call. Its output has the keys first, then one
 * column per call ({@link #outputShape}).
 *
 * @param keys input column ordinals to group by, in output order (none: one group)
 * @param calls the aggregates, in output order after the keys
 * @param filters conditions a row must pass (all of them) before it is aggregated
 * @param memoryLimit bytes the group table may hold: the query's memory limit
 */
public record PartialAggregateSpec(
    List<Integer> keys, List<PartialCall> calls, List<TaskFilter> filters, long memoryLimit) {
  /** The SUM of a DECIMAL wider than this is left to the final stage: its partial could wrap. */
  public static final int MAX_SUMMED_DECIMAL_PRECISION = 18;

  public PartialAggregateSpec {
    keys = List.copyOf(keys);
    calls = List.copyOf(calls);
    filters = List.copyOf(filters);
    if (memoryLimit < 1) {
      throw new IllegalArgumentException("memory limit must be positive: " + memoryLimit);
    }
  }

  /** The same aggregation under another memory limit. */
  public PartialAggregateSpec withMemoryLimit(long bytes) {
    return new PartialAggregateSpec(keys, calls, filters, bytes);
  }

  /** Whether a column of this type can be a group key in a task. */
  public static boolean supportsKey(Column column) {
    // Doubles compare by value in SQL (0.0 = -0.0) but not by their bits; arrays are lists.
    return column.type() != ColumnType.DOUBLE && column.type().element() == null;
  }

  /**
   * Whether a task computes {@code function} of a column of this type exactly: SUM of BIGINT, of
   * DOUBLE and of DECIMAL up to {@value #MAX_SUMMED_DECIMAL_PRECISION} digits; MIN and MAX of every
   * type but BOOLEAN, JSON and arrays; COUNT of anything.
   */
  public static boolean supports(AggregateFunction function, Column column) {
    return switch (function) {
      case COUNT_STAR, COUNT -> true;
      case SUM ->
          column.type() == ColumnType.BIGINT
              || column.type() == ColumnType.DOUBLE
              || (column.type() == ColumnType.DECIMAL
                  && column.precision() <= MAX_SUMMED_DECIMAL_PRECISION);
      case MIN, MAX ->
          column.type() != ColumnType.BOOLEAN
              && column.type() != ColumnType.JSON
              && column.type().element() == null;
    };
  }

  /** The columns a task emits for input of this shape: the keys, then one state per call. */
  public TableShape outputShape(TableShape input) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Column key = input.columns().get(keys.get(i));
      out.add(new Column("g" + i, key.type(), key.nullable(), key.precision(), key.scale()));
    }
    for (int i = 0; i < calls.size(); i++) {
      PartialCall call = calls.get(i);
      Column arg = call.column() < 0 ? null : input.columns().get(call.column());
      out.add(stateColumn("a" + i, call.function(), arg));
    }
    return new TableShape(out);
  }

  /**
   * The partial state of one call. A group exists only when a row reached it, so a state is NULL
   * only when its argument may be.
   */
  static Column stateColumn(String name, AggregateFunction function, Column arg) {
    return switch (function) {
      case COUNT_STAR, COUNT -> new Column(name, ColumnType.BIGINT, false);
      case SUM ->
          switch (arg.type()) {
            case BIGINT -> new Column(name, ColumnType.DECIMAL, arg.nullable(), 38, 0);
            case DECIMAL -> new Column(name, ColumnType.DECIMAL, arg.nullable(), 38, arg.scale());
            default -> new Column(name, arg.type(), arg.nullable());
          };
      case MIN, MAX -> new Column(name, arg.type(), arg.nullable(), arg.precision(), arg.scale());
    };
  }

  /** {@code group(g0), count(), sum(a2)} with the input's column names. */
  public String describe(TableShape input) {
    List<String> parts = new ArrayList<>();
    if (!keys.isEmpty()) {
      parts.add(
          "group("
              + String.join(", ", keys.stream().map(k -> input.columns().get(k).name()).toList())
              + ")");
    }
    for (PartialCall call : calls) {
      String name = call.function().name().toLowerCase(java.util.Locale.ROOT);
      parts.add(
          call.column() < 0
              ? "count()"
              : name + "(" + input.columns().get(call.column()).name() + ")");
    }
    return String.join(", ", parts);
  }
}
