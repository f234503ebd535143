package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the part of a body outside the records: down to the records' pointer, then, once they are
 * read, on to the end. On the way it keeps the values at the capture pointers (small values such as
 * a cursor or a total) and skips everything else unparsed.
 */
final class BodyWalker {
  private final JsonParser parser;
  private final PointerTrie trie = new PointerTrie();
  private final Map<String, JsonNode> captured = new LinkedHashMap<>();
  private final List<Frame> frames = new ArrayList<>();
  private final String recordsPointer;
  private boolean targetSeen;
  // The deepest object on the records' way that was read to its end: where the pointer broke off.
  private Frame deadEnd;
  // Object keys remembered per frame, for the message that names the keys a body does have.
  private static final int KEYS_KEPT = 20;

  BodyWalker(JsonParser parser, String recordsPointer, Iterable<String> capturePointers) {
    this.parser = parser;
    this.recordsPointer = recordsPointer == null ? "" : recordsPointer;
    for (String pointer : capturePointers) {
      if (!pointer.isEmpty()) {
        trie.add(pointer).setCapture(pointer);
      }
    }
    if (recordsPointer != null) {
      trie.add(recordsPointer).setTarget();
    }
  }

  Map<String, JsonNode> captured() {
    return captured;
  }

  /** Starts at the body's first token, which must open an object or an array. */
  void start(JsonToken first) {
    frames.add(new Frame(trie.root(), first == JsonToken.START_OBJECT, ""));
  }

  /**
   * Where the records' pointer leads nowhere, once {@link #advance} has returned false: the keys of
   * the deepest object on its way, as "the keys at /result are: a, b", or empty when none was an
   * object.
   */
  String keysNearMissingRecords() {
    if (deadEnd == null) {
      return "";
    }
    String where = deadEnd.path.isEmpty() ? "the top level" : deadEnd.path;
    if (deadEnd.keys.isEmpty()) {
      return "the object at " + where + " is empty";
    }
    String more = deadEnd.position > deadEnd.keys.size() ? ", ..." : "";
    return "the keys at " + where + " are: " + String.join(", ", deadEnd.keys) + more;
  }

  /**
   * Reads on to the records' value (true, the parser on its first token) or to the end of the top
   * level value (false). Called again after the records, it reads on to the end.
   */
  boolean advance() throws IOException {
    while (!frames.isEmpty()) {
      Frame frame = frames.get(frames.size() - 1);
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        frames.remove(frames.size() - 1);
        if (frame.object
            && deadEnd == null
            && !targetSeen
            && recordsPointer.startsWith(frame.path + "/")) {
          deadEnd = frame;
        }
        continue;
      }
      if (token == null) {
        throw new JsonEOFException(parser, null, "body ended");
      }
      PointerTrie.Node child;
      String step;
      if (frame.object) {
        step = parser.currentName();
        if (frame.keys.size() < KEYS_KEPT) {
          frame.keys.add(step);
        }
        child = frame.node.child(step, frame.position++);
        token = parser.nextToken();
      } else {
        step = Integer.toString(frame.position);
        child = frame.node.childAt(frame.position++);
      }
      if (child == null) {
        parser.skipChildren();
      } else if (child.isTarget() && !targetSeen) {
        targetSeen = true;
        return true;
      } else if (child.capture() != null) {
        captured.put(child.capture(), JsonFactories.MAPPER.readTree(parser));
      } else if (token.isStructStart() && child.hasChildren()) {
        frames.add(
            new Frame(
                child,
                token == JsonToken.START_OBJECT,
                frame.path + "/" + step.replace("~", "~0").replace("/", "~1")));
      } else {
        parser.skipChildren();
      }
    }
    return false;
  }

  /** An open object or array on the way: its node and how many members were read. */
  private static final class Frame {
    final PointerTrie.Node node;
    final boolean object;
    final String path;
    final List<String> keys = new ArrayList<>();
    int position;

    Frame(PointerTrie.Node node, boolean object, String path) {
      this.node = node;
      this.object = object;
      this.path = path;
    }
  }
}
