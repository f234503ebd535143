package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.ParameterDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.types.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a whole feed, page after page, for one set of parameter values, decoding only the bound
 * columns. A feed whose next page depends on the previous one cannot be split further, so each set
 * of parameter values is one task.
 *
 * @param columns the columns to decode from each record
 * @param parameters the value of every parameter of the feed, by name
 * @param layout the output columns: {@code i >= 0} is decoded column i, {@code -1 - p} is parameter
 *     p
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the layout's values
public record FeedTask(
    FeedDef feed, List<ColumnBinding> columns, Map<String, String> parameters, int[] layout)
    implements TaskSpec {
  public FeedTask {
    Objects.requireNonNull(feed, "feed is null");
    columns = List.copyOf(columns);
    parameters = Map.copyOf(parameters);
    layout = layout.clone();
  }

  /** A task without parameters whose output is exactly the decoded columns. */
  public FeedTask(FeedDef feed, List<ColumnBinding> columns) {
    this(feed, columns, Map.of(), identity(columns.size()));
  }

  private static int[] identity(int size) {
    int[] layout = new int[size];
    for (int i = 0; i < size; i++) {
      layout[i] = i;
    }
    return layout;
  }

  /** The output columns, in order. */
  List<Column> output() {
    List<Column> out = new ArrayList<>(layout.length);
    for (int slot : layout) {
      out.add(slot >= 0 ? columns.get(slot).column() : feed.parameters().get(-1 - slot).column());
    }
    return out;
  }

  /** True when the output is the decoded columns as they are. */
  boolean decodedOnly() {
    for (int i = 0; i < layout.length; i++) {
      if (layout[i] != i) {
        return false;
      }
    }
    return layout.length == columns.size();
  }

  @Override
  public String slice() {
    if (parameters.isEmpty()) {
      return "[all pages]";
    }
    return feed.parameters().stream()
        .map(ParameterDef::name)
        .filter(parameters::containsKey)
        .map(name -> name + "=" + feed.secrets().redact(parameters.get(name)))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String redact(String text) {
    return feed.secrets().redact(text);
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new FeedBatchReader(this, context, FeedHttpClient.shared());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeedTask task
        && feed.equals(task.feed)
        && columns.equals(task.columns)
        && parameters.equals(task.parameters)
        && Arrays.equals(layout, task.layout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feed, columns, parameters, Arrays.hashCode(layout));
  }

  @Override
  public String toString() {
    // Never the resolved URL: it may hold a secret.
    return "FeedTask[" + feed.qualifiedName() + " " + slice() + "]";
  }
}
