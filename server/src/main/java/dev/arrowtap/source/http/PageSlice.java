package dev.arrowtap.source.http;

import java.util.List;
import java.util.Objects;

/**
 * The pages one task of a feed cut into page ranges reads: pages {@code [from, to)} counted from 0,
 * the first one's answer perhaps already read, and what page 1 told about the feed.
 *
 * @param from the first page this task reads, from 0
 * @param to the page after its last one
 * @param openEnd the last task of a scan reads on past {@code to} while the feed goes on (it grew
 *     after its first page was read)
 * @param pageSize records a full page holds: the API's own page size, learned from page 1
 * @param total records page 1 announced, or -1 (a Link feed names its last page instead)
 * @param firstLinks page 1's {@code Link} header values, which name every page of a Link feed
 * @param skip records of page {@code from} that an earlier attempt already delivered
 * @param handed page {@code from} as it was already read, or null to request it
 */
public record PageSlice(
    int from,
    int to,
    boolean openEnd,
    int pageSize,
    long total,
    List<String> firstLinks,
    long skip,
    HandedPage handed) {
  public PageSlice {
    firstLinks = List.copyOf(firstLinks);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad page range [" + from + ", " + to + ")");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
    if (skip < 0 || skip >= pageSize) {
      throw new IllegalArgumentException("skip must be within a page: " + skip);
    }
  }

  /**
   * The rest of these pages after {@code delivered} more records: every page but the feed's last
   * holds {@code pageSize} records, so whole pages are left out and the rest of one is skipped.
   */
  PageSlice after(long delivered) {
    long done = skip + delivered;
    long pages = done / pageSize;
    int next = (int) Math.min(Integer.MAX_VALUE, from + pages);
    return new PageSlice(
        next,
        Math.max(to, next),
        openEnd,
        pageSize,
        total,
        firstLinks,
        done % pageSize,
        next == from ? handed : null);
  }

  /** This range without the page already read: a copy sent again reads it from the API. */
  PageSlice withoutHanded() {
    return new PageSlice(from, to, openEnd, pageSize, total, firstLinks, skip, null);
  }

  /** {@code pages 1-50)} with pages counted from 1, as EXPLAIN shows it. */
  String describe() {
    String range = "pages " + (from + 1) + "-" + (to + 1) + ")";
    return skip > 0 ? range + " after " + skip + " records of page " + (from + 1) : range;
  }

  /**
   * A page's answer as it was read, carried with the task that decodes it so that it is not
   * requested twice: its status, the headers the reader uses and its body.
   */
  // The body travels once and is never compared by value: an array component is fine here.
  @SuppressWarnings("ArrayRecordComponent")
  public record HandedPage(int status, java.util.Map<String, List<String>> headers, byte[] body) {
    public HandedPage {
      headers = java.util.Map.copyOf(headers);
      Objects.requireNonNull(body, "body is null");
    }
  }
}
