package dev.arrowtap.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.PaginationDef;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Walks a feed's pages in its declared style: which request comes first, which next, and when to
 * stop. Stateless between calls, so a retried page is requested exactly as before.
 */
final class Paginator {
  private final PaginationDef def;
  private final RequestFactory requests;
  private final int askedPageSize;

  Paginator(FeedDef feed, Map<String, String> parameters) {
    this(feed, parameters, -1);
  }

  /**
   * A paginator for a query that needs some rows only.
   *
   * @param rowLimit the rows the query needs, or -1: fewer than a page ask for a page that size,
   *     where the style sends a page size at all
   */
  Paginator(FeedDef feed, Map<String, String> parameters, long rowLimit) {
    this(feed, parameters, rowLimit, Map.of());
  }

  /**
   * A paginator whose requests also carry the query's comparisons.
   *
   * @param apiFilters request parameters that carry the query's comparisons, by name
   */
  Paginator(
      FeedDef feed, Map<String, String> parameters, long rowLimit, Map<String, String> apiFilters) {
    this(feed, parameters, rowLimit, apiFilters, () -> false);
  }

  /**
   * A paginator for a query that may be cancelled while its requests wait for an OAuth2 token.
   *
   * @param stopped true once the query no longer wants its pages
   */
  Paginator(
      FeedDef feed,
      Map<String, String> parameters,
      long rowLimit,
      Map<String, String> apiFilters,
      BooleanSupplier stopped) {
    this.def = feed.pagination();
    this.requests = new RequestFactory(feed, parameters, apiFilters, stopped);
    boolean sendsSize =
        switch (def.style()) {
          case OFFSET -> !def.limitParam().isEmpty();
          case PAGE, CURSOR -> !def.sizeParam().isEmpty() && def.pageSize() > 0;
          default -> false;
        };
    this.askedPageSize =
        sendsSize && rowLimit >= 0 && rowLimit < def.pageSize()
            ? (int) Math.max(1, rowLimit)
            : def.pageSize();
  }

  /** The page size requests ask for. */
  int askedPageSize() {
    return askedPageSize;
  }

  /** Whether every page's request is known in advance (offset and page styles). */
  boolean numbered() {
    return def.style() == PaginationDef.Style.OFFSET || def.style() == PaginationDef.Style.PAGE;
  }

  /**
   * The request for page {@code index} (from 0) of a numbered feed.
   *
   * @param pageSize records a page of the API holds
   */
  PageRequest at(int index, int pageSize) {
    return def.style() == PaginationDef.Style.OFFSET
        ? offsetPage(def.start() + (long) index * pageSize)
        : numberedPage(def.start() + index);
  }

  /**
   * The numbered pages of a Link-header feed, when the first page's links name the next and the
   * last page by number; empty otherwise, and for every other style.
   */
  Optional<LinkPages> linkPages(URI first, List<String> links) {
    if (def.style() != PaginationDef.Style.LINK_HEADER) {
      return Optional.empty();
    }
    Optional<String> next = LinkHeader.next(links);
    Optional<String> last = LinkHeader.last(links);
    if (next.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    try {
      return LinkPages.of(
          requests.followed(first, next.get()).uri(), requests.followed(first, last.get()).uri());
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the sequential walk reports a bad link with its page
    }
  }

  /** Page {@code index} of a Link-header feed whose pages are numbered. */
  PageRequest linkPage(LinkPages pages, int index) {
    return requests.followed(pages.next(), pages.at(index).toString());
  }

  /**
   * The next page's request from what the body has shown so far, for cursor and next-URL feeds
   * whose next link comes before their records; empty when it has not shown it (yet).
   */
  Optional<PageRequest> nextFromBody(PageRequest current, Map<String, JsonNode> captured) {
    return switch (def.style()) {
      case CURSOR -> text(captured.get(def.cursorPointer())).map(this::cursorPage);
      case NEXT_URL -> {
        try {
          yield text(captured.get(def.nextPointer()))
              .map(url -> requests.followed(current.uri(), url));
        } catch (IllegalArgumentException e) {
          yield Optional.empty(); // reported with its page when the page ends
        }
      }
      default -> Optional.empty();
    };
  }

  /** The next page's request as the response's Link header names it, before its body is read. */
  Optional<PageRequest> nextLink(PageRequest current, List<String> links) {
    if (def.style() != PaginationDef.Style.LINK_HEADER) {
      return Optional.empty();
    }
    try {
      return LinkHeader.next(links).map(url -> requests.followed(current.uri(), url));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The JSON Pointers whose values the decoder must capture from each body. */
  Set<String> capturePointers() {
    Set<String> pointers = new LinkedHashSet<>();
    switch (def.style()) {
      case CURSOR -> pointers.add(def.cursorPointer());
      case NEXT_URL -> pointers.add(def.nextPointer());
      default -> {}
    }
    if (!def.totalPointer().isEmpty()) {
      pointers.add(def.totalPointer());
    }
    return pointers;
  }

  PageRequest first() {
    return switch (def.style()) {
      case OFFSET -> offsetPage(def.start());
      case PAGE -> numberedPage(def.start());
      case CURSOR -> cursorPage(null);
      default -> requests.declared(Map.of(), Map.of());
    };
  }

  /**
   * The next page's request, or empty when the feed is exhausted.
   *
   * @param pageSize records a full page holds: the declared page size, or the smaller one the API
   *     turned out to use
   */
  Optional<PageRequest> next(PageOutcome page, int pageIndex, int pageSize) {
    // A next URL may follow an empty page (a quiet time window); only its absence ends the feed.
    boolean emptyEnds = def.style() != PaginationDef.Style.NEXT_URL;
    if (def.style() == PaginationDef.Style.NONE
        || (emptyEnds && page.records() == 0)
        || reachedTotal(page)) {
      return Optional.empty();
    }
    return switch (def.style()) {
      case OFFSET ->
          goOn(page, pageSize)
              ? Optional.of(offsetPage(def.start() + (long) (pageIndex + 1) * pageSize))
              : Optional.empty();
      case PAGE ->
          goOn(page, pageSize)
              ? Optional.of(numberedPage(def.start() + pageIndex + 1))
              : Optional.empty();
      case CURSOR -> text(page.captured().get(def.cursorPointer())).map(this::cursorPage);
      case NEXT_URL ->
          text(page.captured().get(def.nextPointer()))
              .map(url -> requests.followed(page.request().uri(), url));
      case LINK_HEADER ->
          LinkHeader.next(page.links()).map(url -> requests.followed(page.request().uri(), url));
      case NONE -> Optional.empty();
    };
  }

  /** The total number of records a page announced, or -1. */
  long total(PageOutcome page) {
    if (def.totalPointer().isEmpty()) {
      return -1;
    }
    JsonNode total = page.captured().get(def.totalPointer());
    return total != null && total.canConvertToLong() ? total.asLong() : -1;
  }

  /**
   * Whether a numbered feed goes on after this page: a total, when the API gives one, decides (a
   * short page before it is the API's own page size, not the end); otherwise a full page does.
   */
  private boolean goOn(PageOutcome page, int pageSize) {
    if (total(page) >= 0) {
      return true; // reachedTotal and an empty page have already ended the feed
    }
    return page.records() >= pageSize;
  }

  /**
   * The page size the API really uses, learned from the first page: fewer records than asked, but
   * some, and not all the records a total announces (or, without a total, where the catalog says
   * {@code may_cap_page_size} or the count looks like a cap, see {@link #suspectedCap}), means the
   * API caps the page size.
   *
   * @return the first page's record count when it reveals a cap, otherwise empty
   */
  Optional<Integer> cappedPageSize(PageOutcome first) {
    if (!numbered() || first.records() == 0 || first.records() >= askedPageSize) {
      return Optional.empty();
    }
    long total = total(first);
    if (total >= 0
        ? first.recordsSoFar() >= total
        : !def.mayCapPageSize() && !suspectedCap(first)) {
      // Without a total a short page is the end, unless the catalog says the API caps its pages.
      return Optional.empty();
    }
    return Optional.of((int) first.records());
  }

  /**
   * Whether a short first page without a total may be an API capping its page size silently rather
   * than the feed's end: a round number of records (a multiple of 10 or 25), fewer than asked,
   * where the catalog does not already say the API may cap. Ending there could be a silent wrong
   * answer, so page 2 is asked for at that size, alone: an empty or short page 2 ends the feed, a
   * full one shows the cap and the scan reads on. Any other short first page ends the scan.
   */
  boolean suspectedCap(PageOutcome first) {
    long records = first.records();
    return numbered()
        && !def.mayCapPageSize()
        && total(first) < 0
        && records > 0
        && records < askedPageSize
        && (records % 10 == 0 || records % 25 == 0);
  }

  private boolean reachedTotal(PageOutcome page) {
    if (def.totalPointer().isEmpty()) {
      return false;
    }
    JsonNode total = page.captured().get(def.totalPointer());
    return total != null && total.canConvertToLong() && page.recordsSoFar() >= total.asLong();
  }

  private PageRequest offsetPage(long offset) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(def.offsetParam(), Long.toString(offset));
    if (!def.limitParam().isEmpty()) {
      parameters.put(def.limitParam(), Integer.toString(askedPageSize));
    }
    return requests.declared(
        parameters,
        Map.of("offset", Long.toString(offset), "limit", Integer.toString(askedPageSize)));
  }

  private PageRequest numberedPage(long number) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(def.pageParam(), Long.toString(number));
    if (!def.sizeParam().isEmpty()) {
      parameters.put(def.sizeParam(), Integer.toString(askedPageSize));
    }
    return requests.declared(
        parameters,
        Map.of("page", Long.toString(number), "limit", Integer.toString(askedPageSize)));
  }

  private PageRequest cursorPage(String cursor) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (cursor != null) {
      parameters.put(def.cursorParam(), cursor);
    }
    if (!def.sizeParam().isEmpty() && askedPageSize > 0) {
      parameters.put(def.sizeParam(), Integer.toString(askedPageSize));
    }
    return requests.declared(
        parameters,
        Map.of("cursor", cursor == null ? "" : cursor, "limit", Integer.toString(askedPageSize)));
  }

  private static Optional<String> text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Optional.empty();
    }
    String value = node.asText();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
