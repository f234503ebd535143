package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void findsTheNextLinkAmongOthers() {
    String github =
        "<https://api.example.com/items?page=1>; rel=\"prev\", "
            + "<https://api.example.com/items?page=3>; rel=\"next\", "
            + "<https://api.example.com/items?page=9>; rel=\"last\"";
    assertEquals(
        Optional.of("https://api.example.com/items?page=3"), LinkHeader.next(List.of(github)));
  }

  @Test
  void relMayListSeveralTypesAndAnyCaseAndNoQuotes() {
    assertEquals(
        Optional.of("/p2"), LinkHeader.next(List.of("</p2>; title=\"x\"; rel=\"last NEXT\"")));
    assertEquals(Optional.of("/p3"), LinkHeader.next(List.of("</p3>; rel=next")));
  }

  @Test
  void readsEveryHeaderLineAndTrimsTheTarget() {
    assertEquals(
        Optional.of("/p4"),
        LinkHeader.next(List.of("</first>; rel=\"first\"", "< /p4 >; rel=\"next\"")));
  }

  @Test
  void noNextLinkMeansTheLastPage() {
    assertEquals(Optional.empty(), LinkHeader.next(List.of()));
    assertEquals(Optional.empty(), LinkHeader.next(List.of("</p1>; rel=\"prev\"")));
    assertEquals(Optional.empty(), LinkHeader.next(List.of("</p1>; rel=\"nextish\"")));
    assertEquals(Optional.empty(), LinkHeader.next(List.of("not a link header")));
  }
}
