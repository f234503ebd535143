package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaginatorTest {
  private static final String URL = "        url: https://api.example.com/items\n";

  @TempDir Path dir;

  private Paginator paginator(String pagination) throws Exception {
    return new Paginator(
        OneFeed.load(dir, URL + "        pagination: " + pagination + "\n"), Map.of());
  }

  private static PageOutcome page(PageRequest request, long records, long soFar) {
    return new PageOutcome(request, records, soFar, Map.of(), List.of());
  }

  private static PageOutcome captured(
      PageRequest request, long records, String pointer, JsonNode v) {
    return new PageOutcome(request, records, records, Map.of(pointer, v), List.of());
  }

  private static Optional<URI> uri(Optional<PageRequest> request) {
    return request.map(PageRequest::uri);
  }

  @Test
  void offsetPagesGoOnWhileFullAndStopAtAShortOrEmptyPage() throws Exception {
    Paginator pages = paginator("{style: offset, page_size: 2}");
    PageRequest first = pages.first();
    assertEquals(URI.create("https://api.example.com/items?offset=0&limit=2"), first.uri());
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?offset=4&limit=2")),
        uri(pages.next(page(first, 2, 4), 1, 2)));
    assertEquals(Optional.empty(), pages.next(page(first, 1, 3), 1, 2));
    assertEquals(Optional.empty(), pages.next(page(first, 0, 2), 1, 2));
  }

  @Test
  void aTotalEndsTheFeedOnceThatManyRecordsWereRead() throws Exception {
    Paginator pages = paginator("{style: offset, page_size: 2, total_pointer: /total}");
    assertEquals(Set.of("/total"), pages.capturePointers());
    PageRequest first = pages.first();
    PageOutcome allRead =
        new PageOutcome(first, 2, 4, Map.of("/total", IntNode.valueOf(4)), List.of());
    assertEquals(Optional.empty(), pages.next(allRead, 1, 2));
    assertEquals(4, pages.total(allRead));
    PageOutcome more =
        new PageOutcome(first, 2, 2, Map.of("/total", IntNode.valueOf(4)), List.of());
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?offset=2&limit=2")),
        uri(pages.next(more, 0, 2)));
  }

  @Test
  void numberedPagesStartAtTheFirstPage() throws Exception {
    Paginator pages = paginator("{style: page, page_size: 50, first_page: 0, size_param: ''}");
    PageRequest first = pages.first();
    assertEquals(URI.create("https://api.example.com/items?page=0"), first.uri());
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?page=1")),
        uri(pages.next(page(first, 50, 50), 0, 50)));
  }

  @Test
  void aCursorIsTakenFromTheBodyUntilItIsMissingNullOrEmpty() throws Exception {
    Paginator pages =
        paginator("{style: cursor, cursor_pointer: /next, size_param: limit, page_size: 10}");
    assertEquals(Set.of("/next"), pages.capturePointers());
    PageRequest first = pages.first();
    assertEquals(URI.create("https://api.example.com/items?limit=10"), first.uri());
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?cursor=abc%3D&limit=10")),
        uri(pages.next(captured(first, 3, "/next", TextNode.valueOf("abc=")), 0, 10)));
    assertEquals(
        Optional.empty(), pages.next(captured(first, 3, "/next", NullNode.instance), 0, 10));
    assertEquals(
        Optional.empty(), pages.next(captured(first, 3, "/next", TextNode.valueOf("")), 0, 10));
    assertEquals(Optional.empty(), pages.next(page(first, 3, 3), 0, 10));
  }

  @Test
  void aNextUrlIsFollowedEvenAfterAnEmptyPage() throws Exception {
    Paginator pages = paginator("{style: next_url, next_pointer: /links/next}");
    PageRequest first = pages.first();
    assertEquals(URI.create("https://api.example.com/items"), first.uri());
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?after=9")),
        uri(
            pages.next(
                captured(first, 0, "/links/next", TextNode.valueOf("/items?after=9")), 0, 100)));
    assertEquals(Optional.empty(), pages.next(page(first, 5, 5), 0, 100));
  }

  @Test
  void aLinkHeaderNamesTheNextPage() throws Exception {
    Paginator pages = paginator("{style: link_header}");
    PageRequest first = pages.first();
    PageOutcome linked =
        new PageOutcome(
            first, 5, 5, Map.of(), List.of("<https://api.example.com/items?p=2>; rel=\"next\""));
    assertEquals(
        Optional.of(URI.create("https://api.example.com/items?p=2")),
        uri(pages.next(linked, 0, 100)));
    assertEquals(Optional.empty(), pages.next(page(first, 5, 5), 0, 100));
  }

  @Test
  void withoutPaginationOnlyTheFirstPageIsRead() throws Exception {
    Paginator pages = paginator("{style: none}");
    PageRequest first = pages.first();
    assertEquals(URI.create("https://api.example.com/items"), first.uri());
    assertEquals(Optional.empty(), pages.next(page(first, 100, 100), 0, 100));
  }
}
