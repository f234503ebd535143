package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.PaginationDef;
import dev.arrowtap.exec.RequestEstimate;

/**
 * Estimates the requests a feed task sends before it runs: pages of the feed's length, where a
 * total or a read to the end seen before, or the catalog's {@code typical_rows}, tells it, at the
 * page size the task asks for, bounded by its LIMIT and {@code limits.max_pages}. Without any of
 * them only the first page is certain. Pages a response cache may answer are counted as requests.
 */
final class RequestEstimator {
  private RequestEstimator() {}

  static RequestEstimate estimate(FeedTask task) {
    FeedDef feed = task.feed();
    PaginationDef pagination = feed.pagination();
    if (pagination.style() == PaginationDef.Style.NONE) {
      return new RequestEstimate(1, true);
    }
    Paginator paginator = new Paginator(feed, task.parameters(), task.rowLimit());
    int asked = paginator.askedPageSize();
    FeedStats.Seen seen = FeedStats.get(FeedStats.key(task));
    long pages;
    if (seen != null && seen.total() >= 0 && seen.pageSize() > 0) {
      pages = PageFanOut.pagesFor(seen.total(), Math.min(asked, seen.pageSize()));
    } else if (seen != null && seen.records() >= 0 && task.rowLimit() < 0) {
      pages = seen.pages();
    } else if (seen != null && seen.records() >= 0 && seen.pageSize() > 0) {
      pages = byRecords(seen.records(), Math.min(asked, seen.pageSize()), paginator, pagination);
    } else if (feed.fetch().typicalRows() >= 0 && asked > 0) {
      pages = byRecords(feed.fetch().typicalRows(), asked, paginator, pagination);
    } else {
      return new RequestEstimate(1, false);
    }
    if (task.rowLimit() >= 0 && asked > 0) {
      pages = Math.min(pages, PageFanOut.pagesFor(task.rowLimit(), asked));
    }
    return new RequestEstimate(Math.min(pages, feed.http().maxPages()), true);
  }

  /**
   * Pages that hold {@code records}; a numbered feed without a total learns its end from a short or
   * empty page, so a last page that is full costs one more, empty, request.
   */
  private static long byRecords(
      long records, int pageSize, Paginator paginator, PaginationDef pagination) {
    long pages = PageFanOut.pagesFor(records, pageSize);
    boolean endByShortPage = paginator.numbered() && pagination.totalPointer().isEmpty();
    return endByShortPage && records % pageSize == 0 ? pages + 1 : pages;
  }
}
