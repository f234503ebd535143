package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.PaginationDef;
import dev.arrowtap.exec.RequestEstimate;
import dev.arrowtap.metrics.SourceLength;

/**
 * Estimates the requests a feed task sends before it runs: pages of the feed's length, where a
 * total or a read to the end that this engine saw before, or the catalog's {@code typical_rows},
 * tells it, at the records a page holds, bounded by its LIMIT and {@code limits.max_pages}. Without
 * a length, or without a page size to divide it by (a feed whose requests send none, before one
 * read showed how many records a page holds), only the first page is certain. Pages a response
 * cache may answer are counted as requests.
 */
final class RequestEstimator {
  private RequestEstimator() {}

  /**
   * @param seen what earlier reads of the same feed and parameters learned, or null
   */
  static RequestEstimate estimate(FeedTask task, SourceLength seen) {
    FeedDef feed = task.feed();
    PaginationDef pagination = feed.pagination();
    if (pagination.style() == PaginationDef.Style.NONE) {
      return new RequestEstimate(1, true);
    }
    Paginator paginator = new Paginator(feed, task.parameters(), task.rowLimit());
    int size = pageSize(paginator.askedPageSize(), seen);
    long rowLimit = task.rowLimit();
    long pages;
    if (seen != null && seen.total() >= 0 && size > 0) {
      pages = PageFanOut.pagesFor(seen.total(), size);
    } else if (seen != null && seen.pages() >= 0 && rowLimit < 0) {
      pages = seen.pages();
    } else if (seen != null && seen.records() >= 0 && size > 0) {
      pages = byRecords(seen.records(), size, paginator, pagination);
    } else if (feed.fetch().typicalRows() >= 0 && size > 0) {
      pages = byRecords(feed.fetch().typicalRows(), size, paginator, pagination);
    } else {
      return new RequestEstimate(1, false);
    }
    if (rowLimit >= 0 && size > 0) {
      pages = Math.min(pages, PageFanOut.pagesFor(rowLimit, size));
    }
    return new RequestEstimate(Math.min(pages, feed.http().maxPages()), true);
  }

  /**
   * The records a page holds: the size asked, or fewer where an earlier read saw the API cap it;
   * the size an earlier read saw where the requests ask for none (0); 0 when neither is known.
   */
  static int pageSize(int asked, SourceLength seen) {
    int learned = seen == null ? 0 : seen.pageSize();
    if (asked > 0 && learned > 0) {
      return Math.min(asked, learned);
    }
    return asked > 0 ? asked : learned;
  }

  /**
   * Pages that hold {@code records}; a numbered feed without a total learns its end from a short or
   * empty page, so a last page that is full costs one more, empty, request.
   */
  private static long byRecords(
      long records, int pageSize, Paginator paginator, PaginationDef pagination) {
    long pages = PageFanOut.pagesFor(records, pageSize);
    boolean endByShortPage = paginator.numbered() && pagination.totalPointer().isEmpty();
    return endByShortPage && records > 0 && records % pageSize == 0 ? pages + 1 : pages;
  }
}
