package dev.arrowtap.source.http;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.plan.ScanTable;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A feed and one of its child tables as one table, read in one pass of the feed's pages: the feed's
 * columns, then the child's, a row for each element of each record. The planner puts it in place of
 * a join of the two on the child's keys; it is never in a schema.
 */
final class ChildJoinTable extends ScanTable {
  private final FeedTable parent;
  private final FeedTable child;

  ChildJoinTable(FeedTable parent, FeedTable child, ExecutionServices services) {
    super(services);
    this.parent = parent;
    this.child = child;
  }

  /**
   * The parent's columns, then the child's; a child column named like an earlier one gets a number,
   * as Calcite names a join's columns (the join's own names are put back above the scan).
   */
  @Override
  public TableShape shape() {
    List<Column> columns = new ArrayList<>(parent.shape().columns());
    Set<String> taken = new HashSet<>();
    columns.forEach(c -> taken.add(c.name().toLowerCase(Locale.ROOT)));
    for (Column column : child.shape().columns()) {
      String name = column.name();
      for (int n = 0; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = column.name() + n;
      }
      columns.add(
          new Column(name, column.type(), column.nullable(), column.precision(), column.scale()));
    }
    return new TableShape(columns);
  }

  @Override
  public ScanPlan planScan(int[] projection) {
    return planScan(projection, Map.of(), -1, List.of());
  }

  @Override
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings) {
    return planScan(projection, bindings, -1, List.of());
  }

  @Override
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings, long limit) {
    return planScan(projection, bindings, limit, List.of());
  }

  /** A LIMIT is not pushed: a page's records hold any number of elements. */
  @Override
  public ScanPlan planScan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    return parent.planJoined(child, shape(), projection, bindings, filters);
  }

  /** Comparisons on the parent's columns go to the API as they would from the parent. */
  @Override
  public Optional<PushedFilter> pushFilter(
      int column, String op, Object value, List<PushedFilter> others) {
    return column < parent.shape().size()
        ? parent.pushFilter(column, op, value, others)
        : Optional.empty();
  }

  @Override
  public Set<Integer> bindableColumns() {
    return parent.bindableColumns();
  }

  @Override
  public Optional<String> missingBindings(Map<Integer, List<String>> bindings) {
    return parent.missingBindings(bindings);
  }

  @Override
  public boolean pushAggregates() {
    return parent.pushAggregates();
  }
}
