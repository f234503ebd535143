package dev.arrowtap.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.http.FeedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FeedTask} without its feed definition: the catalog file and table name instead, so that
 * the executor loads the feed (and resolves its credentials) itself. The columns travel as decided
 * on the driver, so inferred columns are not inferred again.
 *
 * @param columns the decoded columns, as JSON
 * @param parameters the task's parameter values, by name
 * @param layout the task's output layout (see {@link FeedTask})
 */
record FeedPartition(
    String catalog,
    String table,
    String columns,
    HashMap<String, String> parameters,
    int[] layout,
    String slice,
    ReadSettings settings)
    implements ArrowtapPartition {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  static FeedPartition of(String catalog, FeedTask task, ReadSettings settings) {
    try {
      return new FeedPartition(
          catalog,
          task.feed().qualifiedName(),
          JSON.writeValueAsString(task.columns()),
          new HashMap<>(task.parameters()),
          task.layout(),
          task.slice(),
          settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot describe the columns of " + task, e);
    }
  }

  @Override
  public TaskSpec task() {
    FeedDef feed = CatalogFiles.requireFeed(catalog, table);
    List<ColumnBinding> bindings;
    try {
      bindings = JSON.readValue(columns, new TypeReference<List<ColumnBinding>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the columns of " + table, e);
    }
    return new FeedTask(feed, bindings, Map.copyOf(parameters), layout);
  }

  @Override
  public String toString() {
    return "FeedPartition[" + table + " " + slice + "]";
  }
}
