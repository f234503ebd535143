package dev.arrowtap.spark;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.SessionSettings;
import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.source.http.FeedTable;
import dev.arrowtap.source.http.FeedTask;
import dev.arrowtap.types.TableShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A catalog feed, planned by the server's {@link FeedTable}: one task per parameter value set. */
record FeedSource(String catalog, FeedDef feed, FeedTable table) implements TableSource {
  static FeedSource of(String catalog, FeedDef feed, int batchSize) {
    SessionSettings settings =
        new SessionSettings(SessionSettings.DEFAULTS.numbersPerTask(), batchSize);
    // The cache key names the file too: one Spark job may read two catalogs with the same names.
    FeedTable table =
        new FeedTable(
            feed,
            feed.qualifiedName(),
            catalog + "#" + feed.qualifiedName(),
            settings,
            PlanningServices.services(),
            PlanningServices.schemas());
    return new FeedSource(catalog, feed, table);
  }

  @Override
  public String name() {
    return feed.qualifiedName();
  }

  @Override
  public TableShape shape() {
    return table.shape();
  }

  @Override
  public Set<Integer> bindableColumns() {
    return table.bindableColumns();
  }

  @Override
  public Optional<String> missingBindings(Map<Integer, List<String>> bindings) {
    return table.missingBindings(bindings);
  }

  @Override
  public ScanPlan plan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters) {
    return table.planScan(projection, bindings, table.supportsLimit() ? limit : -1, filters);
  }

  @Override
  public Optional<PushedFilter> pushFilter(
      int column, String op, Object value, List<PushedFilter> others) {
    return table.pushFilter(column, op, value, others);
  }

  @Override
  public ArrowtapPartition partition(List<TaskSpec> tasks, ReadSettings settings) {
    return FeedPartition.of(catalog, tasks.stream().map(FeedTask.class::cast).toList(), settings);
  }
}
