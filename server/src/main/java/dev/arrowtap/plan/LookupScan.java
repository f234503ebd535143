package dev.arrowtap.plan;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.RequestLimit;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.types.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;

/**
 * A scan whose parameter column takes values known only at run time, a batch at a time: the ids of
 * an array parameter or of the other side of a join. Generated code calls {@link #rows} once per
 * batch; each call reads the feed once per distinct value (or per chunk of values), never whole.
 * Every call of one query adds its figures to one stage.
 */
public final class LookupScan {
  private final ScanTable table;
  private final int[] projection;
  private final Map<Integer, List<String>> bindings;
  private final int column;
  private final int tasks;
  private final String stageLabel;

  LookupScan(
      ScanTable table,
      int[] projection,
      Map<Integer, List<String>> bindings,
      int column,
      int tasks) {
    this.table = table;
    this.projection = projection.clone();
    this.bindings = Map.copyOf(bindings);
    this.column = column;
    this.tasks = tasks;
    this.stageLabel =
        table.planLookup(projection, bindings, column, List.of(), tasks).label()
            + " lookups by "
            + columnName();
  }

  String columnName() {
    return table.shape().columns().get(column).name();
  }

  /** The plan with no values yet: its shape, and its task slots for EXPLAIN. */
  ScanPlan template() {
    return table.planLookup(projection, bindings, column, List.of(), tasks);
  }

  /** The rows for one batch of values (an array, a list, or single values; nulls ignored). */
  public Enumerable<Object> rows(DataContext root, Object[] values) {
    ScanPlan plan = table.planLookup(projection, bindings, column, texts(values), tasks);
    if (table.maxRequests() >= 0) {
      long estimate = 0;
      for (TaskSpec task : plan.tasks()) {
        estimate += task.estimatedRequests().requests();
      }
      plan = plan.withRequestLimit(new RequestLimit(table.maxRequests(), estimate));
    }
    return ScanRuntime.repeatedRows(
        root, plan, table.services(), this, stageLabel, table.lookupSlots(column, tasks));
  }

  /** Distinct values as request text, in first-seen order; values no row can match are dropped. */
  List<String> texts(Object[] values) {
    Set<String> out = new LinkedHashSet<>();
    for (Object value : values) {
      add(value, out);
    }
    return new ArrayList<>(out);
  }

  private void add(Object value, Set<String> out) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> many) {
      for (Object one : many) {
        add(one, out);
      }
      return;
    }
    if (value instanceof Object[] many) {
      for (Object one : many) {
        add(one, out);
      }
      return;
    }
    boolean whole = table.shape().columns().get(column).type() == ColumnType.BIGINT;
    String text = text(value);
    if (!whole || text.matches("-?\\d+")) {
      // A BIGINT parameter cannot equal 1.5 or 'x': no request could return a matching row.
      out.add(text);
    }
  }

  private static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (number == Math.rint(number) && !Double.isInfinite(number)) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
      }
    }
    return String.valueOf(value);
  }

  ExecutionServices services() {
    return table.services();
  }
}
