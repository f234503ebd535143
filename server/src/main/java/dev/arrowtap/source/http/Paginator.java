package dev.arrowtap.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.PaginationDef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a feed's pages in its declared style: which request comes first, which next, and when to
 * stop. Stateless between calls, so a retried page is requested exactly as before.
 */
final class Paginator {
  private final PaginationDef def;
  private final RequestFactory requests;

  Paginator(FeedDef feed, Map<String, String> parameters) {
    this.def = feed.pagination();
    this.requests = new RequestFactory(feed, parameters);
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

  /** The next page's request, or empty when the feed is exhausted. */
  Optional<PageRequest> next(PageOutcome page, int pageIndex) {
    // A next URL may follow an empty page (a quiet time window); only its absence ends the feed.
    boolean emptyEnds = def.style() != PaginationDef.Style.NEXT_URL;
    if (def.style() == PaginationDef.Style.NONE
        || (emptyEnds && page.records() == 0)
        || reachedTotal(page)) {
      return Optional.empty();
    }
    return switch (def.style()) {
      case OFFSET ->
          full(page)
              ? Optional.of(offsetPage(def.start() + (long) (pageIndex + 1) * def.pageSize()))
              : Optional.empty();
      case PAGE ->
          full(page) ? Optional.of(numberedPage(def.start() + pageIndex + 1)) : Optional.empty();
      case CURSOR -> text(page.captured().get(def.cursorPointer())).map(this::cursorPage);
      case NEXT_URL ->
          text(page.captured().get(def.nextPointer()))
              .map(url -> requests.followed(page.request().uri(), url));
      case LINK_HEADER ->
          LinkHeader.next(page.links()).map(url -> requests.followed(page.request().uri(), url));
      case NONE -> Optional.empty();
    };
  }

  /**
   * The page after page {@code pageIndex}, guessed before that page is read: only where the next
   * request does not depend on the body (offset and page styles), and not past a total an earlier
   * page announced.
   *
   * @param knownTotal the total from an earlier page, or -1
   */
  Optional<PageRequest> guessNext(int pageIndex, long knownTotal) {
    if (!def.prefetch()) {
      return Optional.empty();
    }
    long nextFirstRecord = (long) (pageIndex + 1) * def.pageSize();
    if (knownTotal >= 0 && nextFirstRecord >= knownTotal) {
      return Optional.empty();
    }
    return switch (def.style()) {
      case OFFSET -> Optional.of(offsetPage(def.start() + nextFirstRecord));
      case PAGE -> Optional.of(numberedPage(def.start() + pageIndex + 1));
      default -> Optional.empty();
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

  private boolean full(PageOutcome page) {
    return page.records() >= def.pageSize();
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
      parameters.put(def.limitParam(), Integer.toString(def.pageSize()));
    }
    return requests.declared(
        parameters,
        Map.of("offset", Long.toString(offset), "limit", Integer.toString(def.pageSize())));
  }

  private PageRequest numberedPage(long number) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(def.pageParam(), Long.toString(number));
    if (!def.sizeParam().isEmpty()) {
      parameters.put(def.sizeParam(), Integer.toString(def.pageSize()));
    }
    return requests.declared(
        parameters,
        Map.of("page", Long.toString(number), "limit", Integer.toString(def.pageSize())));
  }

  private PageRequest cursorPage(String cursor) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (cursor != null) {
      parameters.put(def.cursorParam(), cursor);
    }
    if (!def.sizeParam().isEmpty() && def.pageSize() > 0) {
      parameters.put(def.sizeParam(), Integer.toString(def.pageSize()));
    }
    return requests.declared(
        parameters,
        Map.of("cursor", cursor == null ? "" : cursor, "limit", Integer.toString(def.pageSize())));
  }

  private static Optional<String> text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Optional.empty();
    }
    String value = node.asText();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
