package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.exec.SourceLengths;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.metrics.ApiUsage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a feed for several sets of parameter values, one after another: a share of one batch of
 * lookups (ids bound by an array parameter or by a join). Each set is one request (and its pages),
 * exactly as a {@link FeedTask} for that set would read it.
 *
 * @param requests the value of every parameter, by name, for each request in order
 * @param layout as {@link FeedTask#layout()}
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the layout's values
public record FeedLookupTask(
    FeedDef feed,
    List<ColumnBinding> columns,
    List<Map<String, String>> requests,
    int[] layout,
    String label)
    implements TaskSpec {
  public FeedLookupTask {
    Objects.requireNonNull(feed, "feed is null");
    columns = List.copyOf(columns);
    requests = requests.stream().map(Map::copyOf).toList();
    layout = layout.clone();
    Objects.requireNonNull(label, "label is null");
  }

  /** The task that reads request {@code i}. */
  FeedTask request(int i) {
    return new FeedTask(feed, columns, requests.get(i), layout);
  }

  @Override
  public String slice() {
    // The field list its requests carry (projection to the API) goes inside the label's brackets.
    return ApiFields.value(feed.fields(), columns)
        .filter(fields -> label.endsWith("]"))
        .map(
            fields ->
                label.substring(0, label.length() - 1)
                    + ", "
                    + feed.fields().param()
                    + "="
                    + fields
                    + "]")
        .orElse(label);
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new FeedLookupReader(this, context, FeedHttpClient.shared());
  }

  /** One request per chunk of values (a feed that pages its answers may need more). */
  @Override
  public RequestEstimate estimatedRequests(SourceLengths seen) {
    return new RequestEstimate(requests.size(), true);
  }

  @Override
  public Optional<ApiUsage.Key> usageKey() {
    return Optional.of(UsageKeys.of(feed));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeedLookupTask task
        && feed.equals(task.feed)
        && columns.equals(task.columns)
        && requests.equals(task.requests)
        && Arrays.equals(layout, task.layout)
        && label.equals(task.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feed, columns, requests, Arrays.hashCode(layout), label);
  }

  @Override
  public String toString() {
    // Never the values: a parameter may hold a secret.
    return "FeedLookupTask[" + feed.qualifiedName() + " " + requests.size() + " requests]";
  }
}
