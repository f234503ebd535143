package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Streams a feed: fetches a page, decodes its body batch by batch as it arrives, then asks the
 * paginator for the next page. Holds one page's connection and one batch at a time.
 */
final class FeedBatchReader implements BatchReader {

  private final FeedDef feed;
  private final List<ColumnBinding> columns;
  private final TaskContext context;
  private final Paginator paginator;
  private final PagePrefetch prefetch;
  private final ParameterColumns output;
  private Optional<PageRequest> nextRequest;
  private long knownTotal = -1;
  private PageRequest currentRequest;
  private volatile PageResponse response;
  private JsonBatchDecoder decoder;
  private int pages;
  private long rows;

  FeedBatchReader(FeedTask task, TaskContext context, FeedHttpClient http) {
    this.feed = task.feed();
    this.columns = task.columns();
    this.context = context;
    this.output = task.decodedOnly() ? null : new ParameterColumns(task, context.allocator());
    this.paginator = new Paginator(feed, task.parameters());
    this.prefetch = new PagePrefetch(http, feed.http(), context, http.prefetchThreads());
    this.nextRequest = Optional.of(paginator.first());
  }

  @Override
  public VectorSchemaRoot next() {
    while (!context.isStopped()) {
      if (decoder == null && !openNextPage()) {
        return null;
      }
      VectorSchemaRoot batch;
      try {
        batch = decoder.next();
      } catch (JsonDecodeException e) {
        throw badData(e);
      } catch (IOException e) {
        throw failure(
            SqlStates.FEED_UNAVAILABLE,
            "the connection broke while reading the body at byte "
                + response.bytesRead()
                + ": "
                + e.getMessage(),
            e);
      }
      if (batch != null) {
        if (output != null) {
          batch = output.assemble(batch);
        }
        rows += batch.getRowCount();
        if (rows > feed.http().maxRows()) {
          throw failure(
              SqlStates.CAP_REACHED,
              "more than limits.max_rows = " + feed.http().maxRows() + " rows",
              null);
        }
        return batch;
      }
      finishPage();
    }
    return null;
  }

  private boolean openNextPage() {
    if (nextRequest.isEmpty()) {
      return false;
    }
    if (pages >= feed.http().maxPages()) {
      throw failure(
          SqlStates.CAP_REACHED,
          "more than limits.max_pages = " + feed.http().maxPages() + " pages",
          null);
    }
    currentRequest = nextRequest.get();
    pages++;
    try {
      response = prefetch.take(currentRequest);
      if (pages < feed.http().maxPages()) {
        paginator.guessNext(pages - 1, knownTotal).ifPresent(prefetch::start);
      }
    } catch (HttpFailure e) {
      if (context.isStopped()) {
        return false;
      }
      throw failure(SqlStates.FEED_UNAVAILABLE, e.getMessage(), e);
    }
    decoder =
        new JsonBatchDecoder(
            response.body(),
            response.contentType(),
            feed.records(),
            columns,
            paginator.capturePointers(),
            context.allocator(),
            context.batchSize());
    return true;
  }

  private void finishPage() {
    long pageRecords = decoder.recordCount();
    PageOutcome outcome =
        new PageOutcome(
            currentRequest,
            pageRecords,
            rowsBefore() + pageRecords,
            decoder.captured(),
            response.header("Link"));
    recordsBeforeThisPage += pageRecords;
    closePage();
    long total = paginator.total(outcome);
    if (total >= 0) {
      knownTotal = total;
    }
    try {
      nextRequest = paginator.next(outcome, pages - 1);
    } catch (IllegalArgumentException e) {
      throw failure(SqlStates.FEED_BAD_DATA, "bad next-page link: " + e.getMessage(), e);
    }
    if (nextRequest.isEmpty()) {
      prefetch.discard();
    }
    if (nextRequest.isPresent() && nextRequest.get().equals(currentRequest)) {
      throw failure(
          SqlStates.FEED_BAD_DATA,
          "the feed pointed back to the same page; stopping to avoid a loop",
          null);
    }
  }

  private long recordsBeforeThisPage;

  private long rowsBefore() {
    return recordsBeforeThisPage;
  }

  private ArrowtapException badData(JsonDecodeException e) {
    StringBuilder where = new StringBuilder("at byte ").append(e.byteOffset());
    if (e.recordIndex() >= 0) {
      where.append(", record ").append(e.recordIndex() + 1);
    }
    if (e.column() != null) {
      where.append(", column ").append(e.column());
    }
    return failure(e.sqlState(), e.getMessage() + " (" + where + ")", e);
  }

  /** An error naming the table, the URL with secrets removed, and the page. */
  private ArrowtapException failure(String sqlState, String problem, Throwable cause) {
    String url = currentRequest == null ? feed.url() : currentRequest.uri().toString();
    String message =
        "feed "
            + feed.qualifiedName()
            + ", page "
            + Math.max(pages, 1)
            + ", "
            + feed.method()
            + " "
            + url
            + ": "
            + problem;
    return new ArrowtapException(sqlState, feed.secrets().redact(message), cause);
  }

  private void closePage() {
    if (response != null) {
      context.metrics().addHttpBytes(response.bytesRead());
    }
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
    if (response != null) {
      response.close();
      response = null;
    }
  }

  /** Stops a read blocked on a slow page by closing its connection; the reader then ends. */
  @Override
  public void cancel() {
    PageResponse open = response;
    if (open != null) {
      open.abort();
    }
  }

  @Override
  public void close() {
    prefetch.close();
    closePage();
    if (output != null) {
      output.close();
    }
  }
}
