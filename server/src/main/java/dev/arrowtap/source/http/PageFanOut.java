package dev.arrowtap.source.http;

/**
 * How far ahead of the reader a scan may request pages, so that an API sees no request the query
 * could not need. The first page goes alone: nothing is requested ahead of it, since a 401, a 404
 * or a short first page ends the scan with that one request. Once a page has been answered, pages
 * go up to the table's concurrency ahead, never past the last page a total or a Link header's last
 * page names, never past the page that completes a LIMIT, and never past {@code limits.max_pages}.
 * Without a known end a numbered feed has at most {@code concurrency} pages in flight past its end
 * when its short page arrives.
 *
 * @param concurrency the most pages in flight at once
 * @param maxPages the table's {@code limits.max_pages}
 * @param rowLimit rows the query needs, or -1 for all
 */
record PageFanOut(int concurrency, long maxPages, long rowLimit) {
  PageFanOut {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
    }
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be positive: " + maxPages);
    }
  }

  /**
   * Whether pages after {@code pageIndex} may be requested before that page has been answered: not
   * for the first page, which alone tells whether the feed answers at all and how long it is.
   */
  boolean aheadOfUnanswered(int pageIndex) {
    return pageIndex > 0 && concurrency > 1;
  }

  /**
   * The last page index to have requested while the reader is at {@code pageIndex}; {@code
   * pageIndex} itself when nothing may go ahead.
   *
   * @param ahead pages ahead of the reader: the concurrency once its page is answered, one less
   *     while it is still on its way
   * @param total the records the feed announced, or -1
   * @param pageSize records a full page holds (the API's, once learned), or 0 when unknown
   * @param linkLastIndex the last page's index a Link header named, or -1
   */
  int lastToRequest(int pageIndex, int ahead, long total, int pageSize, int linkLastIndex) {
    boolean totalKnown = total >= 0 && pageSize > 0;
    // Where the last page is known, one more round of pages is planned than may be in flight: the
    // window sends each as soon as an earlier page's answer frees its slot, without waiting for
    // the reader. Without a known end that would send more pages past it, so not there.
    boolean endKnown = linkLastIndex >= 0 || totalKnown;
    long last = (long) pageIndex + ahead + (endKnown ? concurrency : 0);
    if (linkLastIndex >= 0) {
      last = Math.min(last, linkLastIndex);
    }
    if (totalKnown) {
      last = Math.min(last, pagesFor(total, pageSize) - 1);
    }
    last = Math.min(last, maxPages - 1);
    if (rowLimit >= 0) {
      // Full pages hold pageSize records each: no page past the one that completes the LIMIT
      // (and none ahead at all where the page size is unknown).
      long needed = pageSize > 0 ? Math.max(1, pagesFor(rowLimit, pageSize)) : 1;
      last = Math.min(last, Math.max(pageIndex, needed - 1));
    }
    return (int) Math.max(pageIndex, last);
  }

  /** Pages of {@code pageSize} records that hold {@code records}: at least one. */
  static long pagesFor(long records, int pageSize) {
    return Math.max(1, (records + pageSize - 1) / pageSize);
  }
}
