package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.PermanentFailure;
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
  private final FeedHttpClient http;
  private final PagePrefetch prefetch;
  private final ParameterColumns output;
  private Optional<PageRequest> nextRequest;
  private long knownTotal = -1;
  private PageRequest currentRequest;
  private volatile PageResponse response;
  private JsonBatchDecoder decoder;
  private int pages;
  private long pageRowsDelivered;
  private int bodyAttempts;
  private long rows;

  FeedBatchReader(FeedTask task, TaskContext context, FeedHttpClient http) {
    this.feed = task.feed();
    this.columns = task.columns();
    this.context = context;
    this.output = task.decodedOnly() ? null : new ParameterColumns(task, context.allocator());
    this.paginator = new Paginator(feed, task.parameters());
    this.http = http;
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
        if (context.isStopped()) {
          return null;
        }
        bodyBroke(e);
        continue;
      }
      if (batch != null) {
        pageRowsDelivered += batch.getRowCount();
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

  /**
   * A body cut off mid-transfer is a connection failure like any other: the page is requested again
   * (up to the feed's attempts) and decoding resumes after the records already delivered.
   */
  private void bodyBroke(IOException e) {
    long at = response.bytesRead();
    bodyAttempts++;
    if (bodyAttempts >= feed.http().attempts()) {
      throw failure(
          SqlStates.FEED_UNAVAILABLE,
          "the connection broke while reading the body at byte "
              + at
              + " (after "
              + bodyAttempts
              + " attempts): "
              + e.getMessage(),
          e);
    }
    long delivered = pageRowsDelivered;
    abortPage();
    context.metrics().addRetry();
    if (!http.pauseBeforeRetry(feed.http(), bodyAttempts, context::isStopped)) {
      return;
    }
    try {
      response = http.fetch(currentRequest, feed.http(), context::isStopped, context.metrics());
    } catch (HttpFailure failure) {
      if (context.isStopped()) {
        return;
      }
      throw failure(SqlStates.FEED_UNAVAILABLE, failure.getMessage(), failure);
    }
    decoder = newDecoder();
    decoder.skipRecords(delivered);
  }

  private JsonBatchDecoder newDecoder() {
    return new JsonBatchDecoder(
        response.body(),
        response.contentType(),
        feed.records(),
        columns,
        paginator.capturePointers(),
        context.allocator(),
        context.batchSize());
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
      // The first page inference read while this query was planned is not fetched again.
      FirstPage handed = pages == 1 ? FirstPageHandover.take(currentRequest) : null;
      response = handed != null ? handed.toResponse() : prefetch.take(currentRequest);
      if (pages < feed.http().maxPages()) {
        paginator.guessNext(pages - 1, knownTotal).ifPresent(prefetch::start);
      }
    } catch (HttpFailure e) {
      if (context.isStopped()) {
        return false;
      }
      throw failure(SqlStates.FEED_UNAVAILABLE, e.getMessage(), e);
    }
    decoder = newDecoder();
    pageRowsDelivered = 0;
    bodyAttempts = 0;
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

  /** The decoder's message already names the byte, the record (of this page) and the column. */
  private ArrowtapException badData(JsonDecodeException e) {
    return failure(e.sqlState(), e.getMessage(), e);
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
    String redacted = feed.secrets().redact(message);
    // A refused request, bad data or a cap fails the same way on every worker: no retry there.
    boolean permanent =
        !sqlState.equals(SqlStates.FEED_UNAVAILABLE)
            || (cause instanceof HttpFailure http && http.refused());
    return permanent
        ? new PermanentFailure(sqlState, redacted, cause)
        : new ArrowtapException(sqlState, redacted, cause);
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

  /** Ends a page that was not read to its end: its connection is cut, never drained. */
  private void abortPage() {
    if (response != null) {
      response.abort();
    }
    closePage();
  }

  @Override
  public void close() {
    prefetch.close();
    abortPage();
    if (output != null) {
      output.close();
    }
  }
}
