package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6901 pointers as the catalog's {@code pointer} keys use them. */
class JsonPointersTest {
  @Test
  void tokensAreUnescapedInOrder() {
    assertEquals(List.of(), JsonPointers.parse(""));
    assertEquals(List.of("data", "items"), JsonPointers.parse("/data/items"));
    // RFC 6901's examples: ~1 is a slash and ~0 a tilde, decoded in that order.
    assertEquals(List.of("a/b", "m~n", "~1"), JsonPointers.parse("/a~1b/m~0n/~01"));
    assertEquals(List.of(""), JsonPointers.parse("/"));
  }

  @Test
  void escapingIsTheInverseOfParsing() {
    String field = "odd/name~with both";
    assertEquals("/odd~1name~0with both", JsonPointers.escape(field));
    assertEquals(List.of(field), JsonPointers.parse(JsonPointers.escape(field)));
  }

  @Test
  void badPointersAreRefusedByName() {
    IllegalArgumentException relative =
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.parse("data"));
    assertTrue(relative.getMessage().contains("'data'"), relative.getMessage());
    IllegalArgumentException tilde =
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.parse("/a~2"));
    assertTrue(tilde.getMessage().contains("'~' not followed by 0 or 1"), tilde.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JsonPointers.parse("/a~"));
  }

  @Test
  void theEmptyPointerIsShownAsTheTopLevel() {
    assertEquals("the top level", JsonPointers.describe(""));
    assertEquals("/data", JsonPointers.describe("/data"));
  }
}
