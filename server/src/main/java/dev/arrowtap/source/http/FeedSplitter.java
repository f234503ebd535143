package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.PaginationDef;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.JsonDecodeException;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.exec.TaskSplit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Cuts a feed task into page-range tasks once its first page tells how many pages there are: a
 * {@code total_pointer} with the offset and page styles, or a {@code Link} header naming the last
 * page by number. The first page is read here, once, and handed to the task that starts with it.
 * Each task reads {@code split.pages_per_task} pages at least, and there are no more tasks than
 * slots (the workers); a feed that cannot be cut stays one task and says why.
 */
final class FeedSplitter {
  /** A first page larger than this is not carried with a task: that task requests it again. */
  static final int MAX_HANDED_BYTES = 16 << 20;

  private FeedSplitter() {}

  /** Why a task of this feed cannot be cut into page ranges, or empty when it may be. */
  static Optional<String> whyWhole(FeedTask task) {
    FeedDef feed = task.feed();
    PaginationDef pagination = feed.pagination();
    boolean numbered =
        pagination.style() == PaginationDef.Style.OFFSET
            || pagination.style() == PaginationDef.Style.PAGE;
    if (numbered && pagination.totalPointer().isEmpty()) {
      return Optional.of("no total_pointer: the number of pages is unknown");
    }
    if (!numbered && pagination.style() != PaginationDef.Style.LINK_HEADER) {
      return Optional.of(
          pagination.style() == PaginationDef.Style.NONE
              ? "one page"
              : "each page links to the next: the pages can only be walked");
    }
    if (task.rowLimit() >= 0 && task.rowLimit() <= pagination.pageSize()) {
      return Optional.of("a LIMIT that one page holds");
    }
    return Optional.empty();
  }

  /** The task cut into page ranges, or alone (with its first page) when it is too small. */
  static List<TaskSpec> split(FeedTask task, TaskSplit how) {
    if (whyWhole(task).isPresent()) {
      return List.of(task);
    }
    FeedDef feed = task.feed();
    Paginator paginator =
        new Paginator(
            feed,
            task.parameters(),
            task.rowLimit(),
            ApiFields.withFields(feed.fields(), task.columns(), task.apiFilters()));
    PageRequest first = paginator.first();
    TaskContext context = how.context();
    FirstPage page = FirstPageHandover.take(first);
    if (page == null) {
      page = read(task, first, context);
      if (page == null) {
        return List.of(task); // too large to carry: the task reads it itself
      }
    }
    if (how.preview()) {
      // EXPLAIN read it: the scan that follows takes it rather than request it again.
      FirstPageHandover.offer(page);
    }
    PageOutcome outcome = outcome(feed, paginator, page, context);
    long records = outcome.records();
    long total = paginator.total(outcome);
    List<String> links = header(page.headers(), "Link");
    Optional<LinkPages> linkPages = paginator.linkPages(first.uri(), links);
    // A Link feed's first page links to a next one, so it is full: its records are the page size.
    int pageSize =
        linkPages.isPresent()
            ? (int) Math.min(Integer.MAX_VALUE, records)
            : paginator.cappedPageSize(outcome).orElse(paginator.askedPageSize());
    long pages;
    if (linkPages.isPresent()) {
      pages = linkPages.get().lastIndex() + 1L;
    } else if (total >= 0 && pageSize > 0) {
      pages = (total + pageSize - 1) / pageSize;
    } else {
      pages = 1;
    }
    if (records == 0 || pageSize < 1) {
      pages = 1;
    }
    if (task.rowLimit() >= 0) {
      pages = Math.min(pages, Math.max(1, (task.rowLimit() + pageSize - 1) / pageSize));
    }
    pages = Math.min(pages, feed.http().maxPages());
    PageSlice.HandedPage handed =
        new PageSlice.HandedPage(page.status(), readerHeaders(page.headers()), page.body());
    int size = Math.max(1, pageSize);
    long wanted = (pages + feed.split().pagesPerTask() - 1) / feed.split().pagesPerTask();
    int count = (int) Math.max(1, Math.min(wanted, how.slots()));
    // The last range reads on while the feed goes on; a LIMIT's ranges stop where it is met.
    boolean openEnd = task.rowLimit() < 0;
    List<TaskSpec> tasks = new ArrayList<>(count);
    long base = pages / count;
    long extra = pages % count;
    long from = 0;
    for (int i = 0; i < count; i++) {
      long to = from + base + (i < extra ? 1 : 0);
      tasks.add(
          task.withPages(
              new PageSlice(
                  (int) from,
                  (int) to,
                  openEnd && i == count - 1,
                  size,
                  total,
                  links,
                  0,
                  i == 0 ? handed : null)));
      from = to;
    }
    return tasks;
  }

  /** Reads the first page whole, or returns null (having closed it) when it is too large. */
  private static FirstPage read(FeedTask task, PageRequest first, TaskContext context) {
    FeedHttpClient http = FeedHttpClient.shared();
    try (PageWindow window =
        new PageWindow(http, task.feed(), task.useCache(), context, http.prefetchThreads(), 1)) {
      PageResponse response = window.take(0, first);
      try (response) {
        InputStream body = response.body();
        byte[] bytes = body.readNBytes(MAX_HANDED_BYTES + 1);
        context.metrics().addHttpBytes(response.bytesRead());
        if (bytes.length > MAX_HANDED_BYTES) {
          response.abort();
          return null;
        }
        return new FirstPage(first, response.status(), response.headers(), bytes);
      }
    } catch (HttpFailure e) {
      throw place(task.feed(), first).error(SqlStates.FEED_UNAVAILABLE, e.getMessage(), e);
    } catch (IOException e) {
      throw place(task.feed(), first)
          .error(SqlStates.FEED_UNAVAILABLE, "the connection broke: " + e.getMessage(), e);
    }
  }

  /** Counts the first page's records and reads its total, decoding no column. */
  private static PageOutcome outcome(
      FeedDef feed, Paginator paginator, FirstPage page, TaskContext context) {
    try (PageResponse response = page.toResponse();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                response.body(),
                response.contentType(),
                feed.records(),
                List.of(),
                paginator.capturePointers(),
                context.allocator(),
                context.batchSize())) {
      VectorSchemaRoot batch;
      do {
        batch = decoder.next();
      } while (batch != null);
      return new PageOutcome(
          page.request(),
          decoder.recordCount(),
          decoder.recordCount(),
          decoder.captured(),
          header(page.headers(), "Link"));
    } catch (JsonDecodeException e) {
      throw place(feed, page.request()).error(e.sqlState(), e.getMessage(), e);
    } catch (IOException e) {
      throw place(feed, page.request()).error(SqlStates.FEED_BAD_DATA, e.getMessage(), e);
    }
  }

  private static FeedPlace place(FeedDef feed, PageRequest request) {
    return FeedPlace.request(feed, 1, request.uri().toString());
  }

  /** Only what the reader of a handed page looks at travels with it. */
  private static Map<String, List<String>> readerHeaders(Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    for (String name : List.of("Content-Type", "Link")) {
      List<String> values = header(headers, name);
      if (!values.isEmpty()) {
        kept.put(name, values);
      }
    }
    return kept;
  }

  private static List<String> header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return List.of();
  }
}
