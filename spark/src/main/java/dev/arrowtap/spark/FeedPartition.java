package dev.arrowtap.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.http.FeedTask;
import dev.arrowtap.source.http.PageSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link FeedTask}s without their feed definition: the catalog file and table name instead, so that
 * the executor loads the feed (and resolves its credentials) itself. The columns travel as decided
 * on the driver, so inferred columns are not inferred again. The tasks of one partition differ only
 * in their parameter values.
 *
 * @param columns the decoded columns, as JSON
 * @param parameters each task's parameter values, by name
 * @param layout the tasks' output layout (see {@link FeedTask})
 * @param pages each task's page range as JSON, or null for a task that reads every page
 * @param apiFilters the comparisons sent to the API as request parameters, the same for every task
 * @param rowLimit rows each task stops after (a pushed LIMIT), or -1
 */
// Arrays as components: a partition is only serialized into a Spark task, never compared.
@SuppressWarnings("ArrayRecordComponent")
record FeedPartition(
    String catalog,
    String table,
    String columns,
    ArrayList<HashMap<String, String>> parameters,
    int[] layout,
    ArrayList<String> slices,
    ReadSettings settings,
    ArrayList<String> pages,
    HashMap<String, String> apiFilters,
    long rowLimit)
    implements ArrowtapPartition {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  static FeedPartition of(String catalog, List<FeedTask> tasks, ReadSettings settings) {
    FeedTask first = tasks.get(0);
    ArrayList<HashMap<String, String>> parameters = new ArrayList<>();
    ArrayList<String> slices = new ArrayList<>();
    ArrayList<String> pages = new ArrayList<>();
    try {
      for (FeedTask task : tasks) {
        parameters.add(new HashMap<>(task.parameters()));
        slices.add(task.slice());
        pages.add(task.pages() == null ? null : JSON.writeValueAsString(task.pages()));
      }
      return new FeedPartition(
          catalog,
          first.feed().qualifiedName(),
          JSON.writeValueAsString(first.columns()),
          parameters,
          first.layout(),
          slices,
          settings,
          pages,
          new HashMap<>(first.apiFilters()),
          first.rowLimit());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot describe the columns of " + first, e);
    }
  }

  @Override
  public List<TaskSpec> tasks() {
    FeedDef loaded = CatalogFiles.requireFeed(catalog, table);
    // Each executor JVM keeps its own budget: its share keeps them all within the table's numbers.
    FeedDef feed =
        settings.shares() > 1 ? loaded.withFetch(loaded.fetch().share(settings.shares())) : loaded;
    List<ColumnBinding> bindings;
    try {
      bindings = JSON.readValue(columns, new TypeReference<List<ColumnBinding>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the columns of " + table, e);
    }
    List<TaskSpec> tasks = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Map<String, String> values = parameters.get(i);
      PageSlice range;
      try {
        range = pages.get(i) == null ? null : JSON.readValue(pages.get(i), PageSlice.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the page range of " + table, e);
      }
      tasks.add(
          new FeedTask(
              feed,
              bindings,
              values,
              layout,
              feed.fetch().concurrency(),
              rowLimit,
              apiFilters,
              true,
              1,
              range));
    }
    return tasks;
  }

  @Override
  public String toString() {
    return "FeedPartition[" + table + " " + String.join(", ", slices) + "]";
  }
}
