package dev.arrowtap.source.http;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads a lookup task's requests one after another, each with its own feed reader. */
final class FeedLookupReader implements BatchReader {
  private final FeedLookupTask task;
  private final TaskContext context;
  private final FeedHttpClient http;
  private int next;
  private volatile FeedBatchReader current;

  FeedLookupReader(FeedLookupTask task, TaskContext context, FeedHttpClient http) {
    this.task = task;
    this.context = context;
    this.http = http;
  }

  @Override
  public VectorSchemaRoot next() {
    while (!context.isStopped()) {
      if (current == null) {
        if (next >= task.requests().size()) {
          return null;
        }
        current = new FeedBatchReader(task.request(next++), context, http);
      }
      VectorSchemaRoot batch = current.next();
      if (batch != null) {
        return batch;
      }
      current.close();
      current = null;
    }
    return null;
  }

  @Override
  public void cancel() {
    FeedBatchReader reader = current;
    if (reader != null) {
      reader.cancel();
    }
  }

  @Override
  public void close() {
    FeedBatchReader reader = current;
    current = null;
    if (reader != null) {
      reader.close();
    }
  }
}
