package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.ParameterDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.DecodePool;
import dev.arrowtap.decode.ParallelDecoding;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.exec.SourceLengths;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.exec.TaskSplit;
import dev.arrowtap.metrics.ApiUsage;
import dev.arrowtap.types.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a whole feed, page after page, for one set of parameter values, decoding only the bound
 * columns. A feed whose next page depends on the previous one cannot be split further, so each set
 * of parameter values is one task.
 *
 * @param columns the columns to decode from each record
 * @param parameters the value of every parameter of the feed, by name
 * @param layout the output columns: {@code i >= 0} is decoded column i, {@code -1 - p} is parameter
 *     p
 * @param pageConcurrency pages this task may have in flight at once: the table's concurrency,
 *     shared out among the tasks of a scan that run together
 * @param rowLimit rows the query needs from this task (a LIMIT directly above the scan), or -1: the
 *     task requests no page it cannot need and stops once it has them
 * @param decodeThreads threads that may decode one large NDJSON page of this task, or 0 for one per
 *     core of the process that runs it
 * @param pages the page range this task reads when the scan cut the feed into ranges, or null for
 *     every page
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the layout's values
public record FeedTask(
    FeedDef feed,
    List<ColumnBinding> columns,
    Map<String, String> parameters,
    int[] layout,
    int pageConcurrency,
    long rowLimit,
    Map<String, String> apiFilters,
    boolean useCache,
    int decodeThreads,
    PageSlice pages)
    implements TaskSpec {
  public FeedTask {
    Objects.requireNonNull(feed, "feed is null");
    columns = List.copyOf(columns);
    parameters = Map.copyOf(parameters);
    layout = layout.clone();
    apiFilters = apiFilters == null ? Map.of() : Map.copyOf(apiFilters);
    if (pageConcurrency < 1) {
      throw new IllegalArgumentException("pageConcurrency must be positive: " + pageConcurrency);
    }
    if (decodeThreads < 0) {
      throw new IllegalArgumentException("decodeThreads must not be negative: " + decodeThreads);
    }
  }

  /** A task that reads every page of the feed for its parameter values. */
  public FeedTask(
      FeedDef feed,
      List<ColumnBinding> columns,
      Map<String, String> parameters,
      int[] layout,
      int pageConcurrency,
      long rowLimit,
      Map<String, String> apiFilters,
      boolean useCache,
      int decodeThreads) {
    this(
        feed,
        columns,
        parameters,
        layout,
        pageConcurrency,
        rowLimit,
        apiFilters,
        useCache,
        decodeThreads,
        null);
  }

  /** A task that may use the table's whole concurrency, decoding each page on one thread. */
  public FeedTask(
      FeedDef feed, List<ColumnBinding> columns, Map<String, String> parameters, int[] layout) {
    this(feed, columns, parameters, layout, feed.fetch().concurrency(), -1, Map.of(), true, 1);
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

  /** This task reading only {@code range}. */
  public FeedTask withPages(PageSlice range) {
    return new FeedTask(
        feed,
        columns,
        parameters,
        layout,
        pageConcurrency,
        rowLimit,
        apiFilters,
        useCache,
        decodeThreads,
        range);
  }

  /**
   * Page-range tasks, once the first page (read here, once) tells how many pages there are: see
   * {@link FeedSplitter}.
   */
  @Override
  public List<TaskSpec> split(TaskSplit how) {
    return pages != null || how.slots() < 2 ? List.of(this) : FeedSplitter.split(this, how);
  }

  @Override
  public Optional<String> whyWhole() {
    return pages != null ? Optional.empty() : FeedSplitter.whyWhole(this);
  }

  /**
   * The rest of a page range after the rows delivered: whole pages are left out and the first
   * records of the next one skipped. A task that reads every page cannot resume part-way.
   */
  @Override
  public Optional<TaskSpec> remainder(long rowsDelivered) {
    // A child table's rows are elements, any number a record: rows delivered tell no page.
    if (pages == null || feed.records().exploded()) {
      return Optional.empty();
    }
    long left = rowLimit < 0 ? -1 : Math.max(0, rowLimit - rowsDelivered);
    return Optional.of(
        new FeedTask(
            feed,
            columns,
            parameters,
            layout,
            pageConcurrency,
            left,
            apiFilters,
            useCache,
            decodeThreads,
            pages.after(rowsDelivered)));
  }

  @Override
  public String slice() {
    List<String> parts = new ArrayList<>();
    for (ParameterDef parameter : feed.parameters()) {
      if (parameters.containsKey(parameter.name())) {
        parts.add(parameter.name() + "=" + feed.secrets().redact(parameters.get(parameter.name())));
      }
    }
    // Sorted, so that a plan reads the same whatever order the filters were pushed in.
    new TreeMap<>(apiFilters).forEach((name, value) -> parts.add(name + "=" + value));
    // The fields the API is asked for (projection to the API), where the catalog declares it.
    ApiFields.value(feed.fields(), columns)
        .ifPresent(fields -> parts.add(feed.fields().param() + "=" + fields));
    if (rowLimit >= 0) {
      parts.add("first " + rowLimit + " rows");
    }
    if (pages != null) {
      return "[" + pages.describe() + (parts.isEmpty() ? "" : " " + String.join(", ", parts));
    }
    return parts.isEmpty() ? "[all pages]" : "[" + String.join(", ", parts) + "]";
  }

  @Override
  public String redact(String text) {
    return feed.secrets().redact(text);
  }

  /**
   * How this task's pages are decoded in the process that runs it: never more threads than cores.
   */
  ParallelDecoding decoding() {
    int cores = DecodePool.threads();
    return ParallelDecoding.threads(decodeThreads == 0 ? cores : Math.min(decodeThreads, cores));
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new FeedBatchReader(this, context, FeedHttpClient.shared());
  }

  @Override
  public RequestEstimate estimatedRequests(SourceLengths seen) {
    return RequestEstimator.estimate(this, seen.get(lengthKey().orElseThrow()));
  }

  /** The feed's table, URL, parameter values and the filters sent to the API. */
  @Override
  public Optional<String> lengthKey() {
    return Optional.of(
        feed.qualifiedName()
            + " "
            + feed.url()
            + " "
            + new TreeMap<>(parameters)
            + " "
            + new TreeMap<>(apiFilters));
  }

  @Override
  public Optional<ApiUsage.Key> usageKey() {
    return Optional.of(UsageKeys.of(feed));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeedTask task
        && feed.equals(task.feed)
        && columns.equals(task.columns)
        && parameters.equals(task.parameters)
        && Arrays.equals(layout, task.layout)
        && pageConcurrency == task.pageConcurrency
        && rowLimit == task.rowLimit
        && apiFilters.equals(task.apiFilters)
        && useCache == task.useCache
        && decodeThreads == task.decodeThreads
        && Objects.equals(pages, task.pages);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        feed,
        columns,
        parameters,
        Arrays.hashCode(layout),
        pageConcurrency,
        rowLimit,
        apiFilters,
        useCache,
        decodeThreads,
        pages);
  }

  @Override
  public String toString() {
    // Never the resolved URL: it may hold a secret.
    return "FeedTask[" + feed.qualifiedName() + " " + slice() + "]";
  }
}
