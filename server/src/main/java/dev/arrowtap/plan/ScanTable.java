package dev.arrowtap.plan;

import dev.arrowtap.exec.ExecutionServices;
import dev.arrowtap.exec.LookupRows;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A table whose rows come from arrowtap tasks: feeds and table functions alike. */
public abstract class ScanTable extends AbstractTable implements TranslatableTable {
  protected final ExecutionServices services;

  protected ScanTable(ExecutionServices services) {
    this.services = services;
  }

  /** The columns of the table. */
  public abstract TableShape shape();

  /**
   * The tasks that read the given columns of the table, split as settings and workers allow.
   *
   * @param projection ordinals into {@link #shape()}, in output order
   */
  public abstract ScanPlan planScan(int[] projection);

  /**
   * The tasks that read the given columns, for rows whose bindable columns take the given values
   * (from {@code WHERE col = v} or {@code col IN (...)}); tables that bind nothing ignore them.
   *
   * @param bindings column ordinal to its values (as text)
   */
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings) {
    return planScan(projection);
  }

  /**
   * The tasks for a scan whose consumer needs at most {@code limit} rows (from {@code LIMIT}, with
   * nothing between it and the scan): tables that can stop early or ask for less say so in {@link
   * #supportsLimit()}; any task may still produce more rows, which the LIMIT above cuts.
   *
   * @param limit the rows needed, or -1 for all
   */
  public ScanPlan planScan(int[] projection, Map<Integer, List<String>> bindings, long limit) {
    return planScan(projection, bindings);
  }

  /** Whether {@link #planScan(int[], Map, long)} uses the limit; false unless overridden. */
  public boolean supportsLimit() {
    return false;
  }

  /**
   * The tasks for a scan that hands these comparisons to its source (see {@link #pushFilter}); the
   * default ignores them, which only a table that never accepts one may do.
   */
  public ScanPlan planScan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    return limit >= 0 ? planScan(projection, bindings, limit) : planScan(projection, bindings);
  }

  /**
   * Whether the source can apply {@code column op value} itself: empty when it cannot, otherwise
   * the filter as pushed, {@link PushedFilter#exact()} when the query need not apply it again.
   *
   * @param others the filters already pushed for the same scan
   */
  public Optional<PushedFilter> pushFilter(
      int column, String op, Object value, List<PushedFilter> others) {
    return Optional.empty();
  }

  /** The columns whose = and IN filters this table turns into its requests; none by default. */
  public Set<Integer> bindableColumns() {
    return Set.of();
  }

  /** Why a scan with these bindings cannot run (a required value is missing), or empty. */
  public Optional<String> missingBindings(Map<Integer, List<String>> bindings) {
    return Optional.empty();
  }

  /**
   * Whether the column's values may be given at run time, a batch at a time (ids from an array
   * parameter or from the other side of a join); false unless overridden.
   */
  public boolean supportsLookup(int column) {
    return false;
  }

  /** How many values of the column one request carries in a lookup: 1 unless overridden. */
  public int lookupChunk(int column) {
    return 1;
  }

  /**
   * The tasks that read the given columns for rows whose {@code column} takes one of {@code
   * values}, known only at run time: exactly {@code tasks} tasks (some may have nothing to read),
   * each named by {@link #lookupSlots}.
   */
  /**
   * Where lookups keep the rows they found per id, or empty when they keep none (a table without a
   * cache, a session with {@code use_cache} off).
   */
  public Optional<LookupRows.Settings> lookupCache() {
    return Optional.empty();
  }

  /** The most HTTP requests one query may send (the session's {@code max_requests}), or -1. */
  public long maxRequests() {
    return -1;
  }

  public ScanPlan planLookup(
      int[] projection,
      Map<Integer, List<String>> bindings,
      int column,
      List<String> values,
      int tasks) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no lookups");
  }

  /** The names of a lookup's task slots, the same for every batch. */
  public List<String> lookupSlots(int column, int tasks) {
    List<String> slots = new ArrayList<>();
    String name = shape().columns().get(column).name();
    for (int i = 0; i < tasks; i++) {
      slots.add("[" + name + " lookups, share " + (i + 1) + " of " + tasks + "]");
    }
    return slots;
  }

  /**
   * Whether aggregates over this table may run partially inside its tasks (the session's {@code
   * push_aggregates}); false unless overridden.
   */
  public boolean pushAggregates() {
    return false;
  }

  /**
   * This table read together with {@code child}, a table of the arrays inside this table's records,
   * in one pass; empty (the default) when {@code child} is no child of this table.
   */
  public Optional<ChildJoin> joinChild(ScanTable child) {
    return Optional.empty();
  }

  /** Whether a scan can read fewer columns than the table has; true unless overridden. */
  public boolean supportsProjection() {
    return true;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return SqlTypes.rowType(shape(), typeFactory);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    int[] all = IntStream.range(0, shape().size()).toArray();
    return new ArrowtapTableScan(context.getCluster(), relOptTable, this, all);
  }

  ExecutionServices services() {
    return services;
  }
}
