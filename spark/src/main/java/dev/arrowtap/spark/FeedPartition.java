package dev.arrowtap.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.http.FeedTask;
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
    ReadSettings settings)
    implements ArrowtapPartition {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  static FeedPartition of(String catalog, List<FeedTask> tasks, ReadSettings settings) {
    FeedTask first = tasks.get(0);
    ArrayList<HashMap<String, String>> parameters = new ArrayList<>();
    ArrayList<String> slices = new ArrayList<>();
    for (FeedTask task : tasks) {
      parameters.add(new HashMap<>(task.parameters()));
      slices.add(task.slice());
    }
    try {
      return new FeedPartition(
          catalog,
          first.feed().qualifiedName(),
          JSON.writeValueAsString(first.columns()),
          parameters,
          first.layout(),
          slices,
          settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot describe the columns of " + first, e);
    }
  }

  @Override
  public List<TaskSpec> tasks() {
    FeedDef feed = CatalogFiles.requireFeed(catalog, table);
    List<ColumnBinding> bindings;
    try {
      bindings = JSON.readValue(columns, new TypeReference<List<ColumnBinding>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the columns of " + table, e);
    }
    List<TaskSpec> tasks = new ArrayList<>();
    for (Map<String, String> values : parameters) {
      tasks.add(new FeedTask(feed, bindings, values, layout));
    }
    return tasks;
  }

  @Override
  public String toString() {
    return "FeedPartition[" + table + " " + String.join(", ", slices) + "]";
  }
}
