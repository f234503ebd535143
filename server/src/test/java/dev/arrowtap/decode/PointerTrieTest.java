package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointerTrieTest {
  @Test
  void pointersShareTheirAncestorsAndUnescapeTheirTokens() {
    PointerTrie trie = new PointerTrie();
    PointerTrie.Node b = trie.add("/a/b");
    PointerTrie.Node c = trie.add("/a/c");
    PointerTrie.Node slash = trie.add("/x~1y/t~0z");
    PointerTrie.Node a = trie.root().child("a", 0);
    assertSame(b, a.child("b", 0));
    assertSame(c, a.child("c", 1));
    assertSame(b, trie.add("/a/b"), "adding a pointer again finds its node");
    assertSame(slash, trie.root().child("x/y", 1).child("t~z", 0));
    assertFalse(b.hasChildren());
    assertTrue(a.hasChildren());
  }

  @Test
  void aFieldNotOfInterestIsNullAndRememberedAsSuch() {
    PointerTrie trie = new PointerTrie();
    trie.add("/id");
    assertNull(trie.root().child("name", 0));
    assertNull(trie.root().expectedChild(0));
    assertEquals("name", trie.root().expectedName(0).getValue());
  }

  @Test
  void aPositionRemembersTheLastNameSeenThereButAnotherNameStillFindsItsNode() {
    PointerTrie trie = new PointerTrie();
    PointerTrie.Node id = trie.add("/id");
    PointerTrie.Node name = trie.add("/name");
    PointerTrie.Node root = trie.root();
    assertSame(id, root.child("id", 0));
    assertEquals("id", root.expectedName(0).getValue());
    assertSame(id, root.expectedChild(0));
    // The same text in another String instance (a parser that does not intern) still matches.
    assertSame(id, root.child(new String(new char[] {'i', 'd'}), 0));
    assertSame(name, root.child("name", 0), "records may list their fields in another order");
    assertEquals("name", root.expectedName(0).getValue());
  }

  @Test
  void positionsBeyondTheRememberedOnesAreLookedUpByName() {
    PointerTrie trie = new PointerTrie();
    PointerTrie.Node far = trie.add("/far");
    assertSame(far, trie.root().child("far", 1000));
    assertNull(trie.root().expectedName(1000));
  }

  @Test
  void arrayElementsAreFoundByIndex() {
    PointerTrie trie = new PointerTrie();
    PointerTrie.Node second = trie.add("/tags/1");
    PointerTrie.Node tags = trie.root().child("tags", 0);
    assertSame(second, tags.childAt(1));
    assertNull(tags.childAt(0));
    assertNull(second.childAt(0));
  }

  @Test
  void aNodeCarriesItsCaptureAndWhetherTheRecordsAreThere() {
    PointerTrie trie = new PointerTrie();
    PointerTrie.Node data = trie.add("/data");
    PointerTrie.Node next = trie.add("/meta/next");
    data.setTarget();
    next.setCapture("/meta/next");
    assertTrue(data.isTarget());
    assertFalse(next.isTarget());
    assertEquals("/meta/next", next.capture());
    assertNull(data.capture());
    assertEquals(0, data.writers().length);
  }
}
