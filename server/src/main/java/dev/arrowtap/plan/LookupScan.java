package dev.arrowtap.plan;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.LookupRows;
import dev.arrowtap.exec.RequestLimit;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.types.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

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

  /**
   * The rows for one batch of values (an array, a list, or single values; nulls ignored). Where the
   * table keeps lookups' rows and the looked-up column is read, only the ids neither kept nor on
   * their way for another query are requested.
   */
  public Enumerable<Object> rows(DataContext root, Object[] values) {
    List<String> ids = texts(values);
    Optional<LookupRows.Settings> cache = table.lookupCache();
    int key = keyIndex();
    if (cache.isEmpty() || key < 0 || ids.isEmpty()) {
      return fetched(root, ids);
    }
    String scope = Arrays.toString(projection) + " " + new TreeMap<>(bindings) + " ";
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
        LookupRows.Result result =
            table
                .services()
                .lookupRows()
                .rows(
                    cache.get(),
                    scope,
                    ids,
                    missing -> byId(root, missing, key),
                    () -> cancel != null && cancel.get());
        if (result.answered() > 0) {
          template()
              .tasks()
              .get(0)
              .usageKey()
              .ifPresent(
                  usage ->
                      table
                          .services()
                          .metrics()
                          .apiUsage()
                          .counters(usage)
                          .addCacheHits(result.answered()));
        }
        return Linq4j.enumerator(result.rows());
      }
    };
  }

  /** Where the looked-up column is among the rows' values, or -1 when it is not read. */
  private int keyIndex() {
    for (int i = 0; i < projection.length; i++) {
      if (projection[i] == column) {
        return i;
      }
    }
    return -1;
  }

  /** The rows of these ids from the API, by id; rows of no id asked for are left out. */
  private Map<String, List<Object>> byId(DataContext root, List<String> ids, int key) {
    Map<String, List<Object>> rows = new HashMap<>();
    try (Enumerator<Object> fetched = fetched(root, ids).enumerator()) {
      while (fetched.moveNext()) {
        Object row = fetched.current();
        Object value = projection.length == 1 ? row : ((Object[]) row)[key];
        if (value != null) {
          rows.computeIfAbsent(text(value), id -> new ArrayList<>()).add(row);
        }
      }
    }
    return rows;
  }

  /** The rows of these ids, requested now. */
  private Enumerable<Object> fetched(DataContext root, List<String> ids) {
    ScanPlan plan = table.planLookup(projection, bindings, column, ids, tasks);
    if (table.maxRequests() >= 0) {
      long estimate = 0;
      for (TaskSpec task : plan.tasks()) {
        estimate += task.estimatedRequests(table.services().sourceLengths()).requests();
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
