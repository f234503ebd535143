package dev.arrowtap.decode;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON Pointers of interest in a document as a tree of field names, walked alongside the
 * streaming parser: a field whose name is not in the current node is skipped unread.
 */
final class PointerTrie {
  private final Node root = new Node();

  Node root() {
    return root;
  }

  /** The node of a pointer, created with its ancestors if needed. */
  Node add(String pointer) {
    Node node = root;
    for (String token : JsonPointers.parse(pointer)) {
      node = node.children.computeIfAbsent(token, t -> new Node());
    }
    return node;
  }

  /** One reference token's node: what to do with the value there, and the nodes below it. */
  static final class Node {
    /** Field positions remembered per node; records rarely have more fields than this. */
    private static final int REMEMBERED = 64;

    private static final ColumnWriter[] NO_WRITERS = new ColumnWriter[0];

    private final Map<String, Node> children = new HashMap<>();
    // Records of one body mostly list their fields in the same order. Remembering the name seen
    // at each position lets the reader ask Jackson to match the expected name's bytes in place
    // (nextFieldName(SerializableString)), which skips decoding and hashing the name, and lets an
    // identity check answer the rest: Jackson hands out one String instance per name. A
    // remembered null node means "not of interest, skip".
    private final String[] namesAt = new String[REMEMBERED];
    private final SerializableString[] expectedAt = new SerializableString[REMEMBERED];
    private final Node[] nodesAt = new Node[REMEMBERED];

    private ColumnWriter[] writers = NO_WRITERS;
    private String capture;
    private boolean target;

    /** The child for a field name seen as the {@code position}-th field of its object, or null. */
    Node child(String name, int position) {
      if (position < REMEMBERED) {
        if (sameInstance(namesAt[position], name)) {
          return nodesAt[position];
        }
        Node child = children.get(name);
        namesAt[position] = name;
        expectedAt[position] = new SerializedString(name);
        nodesAt[position] = child;
        return child;
      }
      return children.get(name);
    }

    /** The name last seen at a position of this node's objects, or null. */
    SerializableString expectedName(int position) {
      return position < REMEMBERED ? expectedAt[position] : null;
    }

    /** The child of the name last seen at a position, as returned by {@link #child}. */
    Node expectedChild(int position) {
      return nodesAt[position];
    }

    /** The child for an array element, or null. */
    Node childAt(int index) {
      return children.isEmpty() ? null : children.get(Integer.toString(index));
    }

    boolean hasChildren() {
      return !children.isEmpty();
    }

    ColumnWriter[] writers() {
      return writers;
    }

    void addWriter(ColumnWriter writer) {
      ColumnWriter[] more = Arrays.copyOf(writers, writers.length + 1);
      more[writers.length] = writer;
      writers = more;
    }

    /** The absolute pointer whose value is captured here, or null. */
    String capture() {
      return capture;
    }

    void setCapture(String pointer) {
      this.capture = pointer;
    }

    /** Whether the records (the array or the single object) are here. */
    boolean isTarget() {
      return target;
    }

    void setTarget() {
      this.target = true;
    }
  }

  /**
   * Jackson interns field names, so the same name at the same position is usually the very same
   * string: an identity check is the fast path, and any other string falls through to the map.
   */
  @SuppressWarnings("ReferenceEquality")
  private static boolean sameInstance(String remembered, String name) {
    return remembered == name;
  }
}
