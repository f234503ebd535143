package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.BodyDecoder;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.decode.ParallelDecoding;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.PermanentFailure;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.metrics.SourceLength;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Streams a feed in page order: decodes each page's body batch by batch as it arrives, while later
 * pages are already requested. Numbered pages (offset and page styles, and Link-header feeds that
 * name their last page) go up to the table's {@code concurrency} at once once the first page told
 * the total and the API's page size; cursor, next-URL and Link feeds have the next page in flight
 * as soon as its link is known. Holds one page's batch and the responses of the pages in flight.
 */
final class FeedBatchReader implements BatchReader {

  private final FeedDef feed;
  private final List<ColumnBinding> columns;
  private final TaskContext context;
  private final Paginator paginator;
  private final FeedHttpClient http;
  private final PageWindow window;
  private final ParameterColumns output;
  private final int concurrency;
  private final PageFanOut fanOut;
  private final long rowLimit;
  private final boolean useCache;
  private final ParallelDecoding decoding;
  private Optional<PageRequest> nextRequest;
  private PageRequest currentRequest;
  private int pageIndex = -1;
  private int pageSize;
  private long knownTotal = -1;
  private long recordsBefore;
  private LinkPages linkPages;
  private boolean nextStartedEarly;
  // Page 2 of a feed whose short first page may be a silent cap goes alone, as page 1 did.
  private boolean probing;
  private volatile PageResponse response;
  private BodyDecoder decoder;
  private long pageRowsDelivered;
  private int bodyAttempts;
  private long rows;
  // A page-range task's pages (null: every page), and the page after its last one unless it is
  // the scan's last range, which reads on while the feed goes on.
  private final PageSlice slice;
  private final int endPage;

  FeedBatchReader(FeedTask task, TaskContext context, FeedHttpClient http) {
    this.feed = task.feed();
    this.columns = task.columns();
    this.context = context;
    this.output = task.decodedOnly() ? null : new ParameterColumns(task, context.allocator());
    this.rowLimit = task.rowLimit();
    this.useCache = task.useCache();
    this.decoding = task.decoding();
    this.paginator =
        new Paginator(
            feed,
            task.parameters(),
            rowLimit,
            ApiFields.withFields(feed.fields(), task.columns(), task.apiFilters()),
            context::isStopped);
    this.http = http;
    this.concurrency = feed.pagination().prefetch() ? task.pageConcurrency() : 1;
    this.window =
        new PageWindow(http, feed, task.useCache(), context, http.prefetchThreads(), concurrency);
    this.fanOut = new PageFanOut(concurrency, feed.http().maxPages(), rowLimit);
    this.pageSize = paginator.askedPageSize();
    this.nextRequest = Optional.of(paginator.first());
    this.slice = task.pages();
    this.endPage = slice == null || slice.openEnd() ? Integer.MAX_VALUE : slice.to();
    if (slice != null) {
      startAt(slice);
    }
  }

  /** Starts a page-range task at its first page, with what page 1 told about the feed. */
  private void startAt(PageSlice range) {
    pageSize = range.pageSize();
    knownTotal = range.total();
    pageIndex = range.from() - 1;
    recordsBefore = (long) range.from() * range.pageSize();
    linkPages = paginator.linkPages(paginator.first().uri(), range.firstLinks()).orElse(null);
    if (range.from() > 0) {
      nextRequest = Optional.of(requestAt(range.from()));
    }
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
        startNextFromBody();
        if (output != null) {
          batch = output.assemble(batch);
        }
        rows += batch.getRowCount();
        context.metrics().addRowsIn(batch.getRowCount());
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
      throw failure(stateOf(failure), failure.getMessage(), failure);
    }
    // The page read again resumes after the rows delivered, on one thread: a rare path.
    JsonBatchDecoder resumed =
        new JsonBatchDecoder(
            response.body(),
            response.contentType(),
            feed.records(),
            columns,
            paginator.capturePointers(),
            context.allocator(),
            context.batchSize());
    resumed.skipRecords(delivered);
    decoder = resumed;
  }

  /** A large NDJSON page is decoded on the task's decode threads, anything else on this one. */
  private BodyDecoder newDecoder() {
    return BodyDecoder.open(
        response.body(),
        response.contentType(),
        feed.records(),
        columns,
        paginator.capturePointers(),
        context.allocator(),
        context.batchSize(),
        decoding);
  }

  private boolean openNextPage() {
    if (nextRequest.isEmpty() || (rowLimit >= 0 && rows >= rowLimit) || pageIndex + 1 >= endPage) {
      // A LIMIT has its rows: no further page, not even one already on its way.
      window.discardFrom(pageIndex + 1);
      return false;
    }
    if (pageIndex + 1 >= feed.http().maxPages()) {
      throw failure(
          SqlStates.CAP_REACHED,
          "more than limits.max_pages = " + feed.http().maxPages() + " pages",
          null);
    }
    currentRequest = nextRequest.get();
    pageIndex++;
    nextStartedEarly = false;
    // The first page inference read while this query was planned, or the scan read to cut the
    // feed into page ranges, is not fetched again.
    FirstPage handed = handedPage();
    if (handed != null && useCache) {
      ResponseCache.offer(feed, handed);
    }
    if (paginator.numbered() && fanOut.aheadOfUnanswered(pageIndex) && !probing) {
      // Later pages go while this one is on its way; never beside the first page, which alone
      // tells whether the API answers at all and how many pages there are.
      if (handed == null) {
        window.start(pageIndex, currentRequest);
      }
      fillWindow(concurrency - 1);
    }
    try {
      response = handed != null ? handed.toResponse() : window.take(pageIndex, currentRequest);
    } catch (HttpFailure e) {
      if (context.isStopped()) {
        return false;
      }
      throw failure(stateOf(e), e.getMessage(), e);
    }
    if (pageIndex == 0) {
      linkPages = paginator.linkPages(currentRequest.uri(), response.header("Link")).orElse(null);
    }
    if (linkPages != null) {
      fillWindow(concurrency - 1);
    } else if (concurrency > 1 && rowLimit < 0) {
      paginator
          .nextLink(currentRequest, response.header("Link"))
          .ifPresent(link -> startEarly(link));
    }
    bodyAttempts = 0;
    long skip = slice != null && pageIndex == slice.from() ? slice.skip() : 0;
    if (skip > 0) {
      // An earlier attempt delivered this page's first records: the rare path, on one thread.
      JsonBatchDecoder resumed =
          new JsonBatchDecoder(
              response.body(),
              response.contentType(),
              feed.records(),
              columns,
              paginator.capturePointers(),
              context.allocator(),
              context.batchSize());
      resumed.skipRecords(skip);
      decoder = resumed;
    } else {
      decoder = newDecoder();
    }
    pageRowsDelivered = skip;
    return true;
  }

  /** The answer to the current request that is already at hand, or null. */
  private FirstPage handedPage() {
    if (slice != null && pageIndex == slice.from() && slice.handed() != null) {
      PageSlice.HandedPage page = slice.handed();
      // The coordinator sent this request on its own budget; it counts here too, so that this
      // place's share and the others' together stay within the table's rate.
      for (RequestBudget budget :
          RequestBudgets.of(feed, currentRequest.uri(), context.location())) {
        long waited = budget.acquire(context::isStopped);
        budget.release();
        if (waited > 0) {
          context.metrics().addRateLimitWait(waited);
        }
      }
      return new FirstPage(currentRequest, page.status(), page.headers(), page.body());
    }
    return pageIndex == 0 ? FirstPageHandover.take(currentRequest) : null;
  }

  /** A cursor or next URL seen before the records: the next page goes while this one decodes. */
  private void startNextFromBody() {
    if (concurrency > 1
        && rowLimit < 0
        && !nextStartedEarly
        && !paginator.numbered()
        && linkPages == null) {
      paginator.nextFromBody(currentRequest, decoder.captured()).ifPresent(this::startEarly);
    }
  }

  private void startEarly(PageRequest next) {
    if (pageIndex + 1 < feed.http().maxPages() && !next.equals(currentRequest)) {
      window.start(pageIndex + 1, next);
      nextStartedEarly = true;
    }
  }

  /**
   * Requests the pages after this one whose URLs are known, {@code ahead} at most: the table's
   * concurrency once this page is read, one less while it is still on its way.
   */
  private void fillWindow(int ahead) {
    int last =
        fanOut.lastToRequest(
            pageIndex, ahead, knownTotal, pageSize, linkPages != null ? linkPages.lastIndex() : -1);
    last = Math.min(last, endPage - 1);
    for (int index = pageIndex + 1; index <= last; index++) {
      if (!window.has(index)) {
        window.start(index, requestAt(index));
      }
    }
  }

  private PageRequest requestAt(int index) {
    return linkPages != null ? paginator.linkPage(linkPages, index) : paginator.at(index, pageSize);
  }

  private void finishPage() {
    long pageRecords = decoder.recordCount();
    PageOutcome outcome =
        new PageOutcome(
            currentRequest,
            pageRecords,
            recordsBefore + pageRecords,
            decoder.captured(),
            response.header("Link"));
    recordsBefore += pageRecords;
    closePage();
    long total = paginator.total(outcome);
    if (total >= 0) {
      knownTotal = total;
    }
    if (pageIndex > 0) {
      probing = false;
    }
    if (pageIndex == 0) {
      probing = paginator.suspectedCap(outcome);
      paginator.cappedPageSize(outcome).ifPresent(this::notePageCap);
      if (knownTotal >= 0 && fullPages()) {
        context.metrics().noteSourceLength(SourceLength.announced(knownTotal, pageSize));
      }
    }
    if (linkPages != null) {
      boolean more = pageRecords > 0 && pageIndex < linkPages.lastIndex();
      nextRequest = more ? Optional.of(requestAt(pageIndex + 1)) : Optional.empty();
    } else {
      try {
        nextRequest = paginator.next(outcome, pageIndex, pageSize);
      } catch (IllegalArgumentException e) {
        throw failure(SqlStates.FEED_BAD_DATA, "bad next-page link: " + e.getMessage(), e);
      }
    }
    if (nextRequest.isEmpty()) {
      window.discardFrom(pageIndex + 1);
      if (fullPages()) {
        // Read to its end: the next plan of this feed estimates its requests from it.
        context
            .metrics()
            .noteSourceLength(SourceLength.readToEnd(recordsBefore, pageIndex + 1, pageSize));
      }
    } else if ((paginator.numbered() || linkPages != null) && !probing) {
      fillWindow(concurrency);
    }
    if (nextRequest.isPresent() && nextRequest.get().equals(currentRequest)) {
      throw failure(
          SqlStates.FEED_BAD_DATA,
          "the feed pointed back to the same page; stopping to avoid a loop",
          null);
    }
  }

  /** Whether pages are asked at the feed's own size, not made smaller for a LIMIT. */
  private boolean fullPages() {
    return paginator.askedPageSize() == feed.pagination().pageSize();
  }

  /** The API sends fewer records a page than asked: read on with its page size, and say so. */
  private void notePageCap(int apiPageSize) {
    context
        .metrics()
        .addNote(
            "page_size "
                + pageSize
                + " asked, the API sent "
                + apiPageSize
                + " records on page 1"
                + (probing
                    ? " and no total: asking for page 2 at "
                        + apiPageSize
                        + " a page in case the API caps its pages"
                    : ": reading on at " + apiPageSize + " a page"));
    pageSize = apiPageSize;
  }

  /**
   * A request the query's budget refused is a cap reached; any other failure, an unavailable feed.
   */
  private static String stateOf(HttpFailure failure) {
    return failure instanceof BudgetRefusal ? SqlStates.CAP_REACHED : SqlStates.FEED_UNAVAILABLE;
  }

  /** The decoder's message names the column, the record (of this page) and the byte. */
  private ArrowtapException badData(JsonDecodeException e) {
    return failure(e.sqlState(), e.getMessage(), e);
  }

  /** An error naming the table, the page and its URL with secrets removed. */
  private ArrowtapException failure(String sqlState, String problem, Throwable cause) {
    String url = currentRequest == null ? feed.url() : currentRequest.uri().toString();
    String message = FeedPlace.request(feed, Math.max(pageIndex + 1, 1), url).describe(problem);
    // The page has had its retry.attempts tries (or was refused, or is bad data, or hit a cap):
    // another worker would send them all again, beyond the documented tries per page.
    // The cause's messages may quote the API's answer, which may echo the credentials.
    return new PermanentFailure(sqlState, message, feed.secrets().redact(cause));
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
    window.abortAll();
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
    window.close();
    abortPage();
    if (output != null) {
      output.close();
    }
  }
}
