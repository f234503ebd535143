package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole feed, page after page, decoding only the bound columns. A feed whose next page
 * depends on the previous one cannot be split, so it is one task.
 */
public record FeedTask(FeedDef feed, List<ColumnBinding> columns) implements TaskSpec {
  public FeedTask {
    Objects.requireNonNull(feed, "feed is null");
    columns = List.copyOf(columns);
  }

  @Override
  public String slice() {
    return "[all pages]";
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new FeedBatchReader(feed, columns, context, FeedHttpClient.shared());
  }

  @Override
  public String toString() {
    // Never the resolved URL: it may hold a secret.
    return "FeedTask[" + feed.qualifiedName() + "]";
  }
}
