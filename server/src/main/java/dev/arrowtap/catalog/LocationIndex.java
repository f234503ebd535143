package dev.arrowtap.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The line of every key and value in a catalog file, by path ({@code schemas[0].tables[1].url}),
 * read in one streaming pass so that validation errors can say where they are.
 */
final class LocationIndex {
  private final Map<String, Integer> lines;

  private LocationIndex(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static LocationIndex read(JsonParser parser) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String pendingField = null;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      int line = parser.currentTokenLocation().getLineNr();
      if (token == JsonToken.FIELD_NAME) {
        pendingField = parser.currentName();
        if (!stack.peek().keys.add(pendingField)) {
          // YAML and Jackson would let the last one win silently; a catalog says what it means.
          throw new DuplicateKeyException(line, path(stack, pendingField));
        }
        lines.putIfAbsent(path(stack, pendingField), line);
        continue;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        stack.pop();
        continue;
      }
      String here;
      Frame parent = stack.peek();
      if (parent == null) {
        here = "";
      } else if (parent.array) {
        here = parent.path + "[" + parent.nextIndex++ + "]";
      } else {
        here = path(stack, pendingField);
      }
      lines.putIfAbsent(here, line);
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        stack.push(new Frame(here, token == JsonToken.START_ARRAY));
      }
    }
    return new LocationIndex(lines);
  }

  /** A key written twice in one mapping: the second one's line and its path. */
  static final class DuplicateKeyException extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;
    final String path;

    DuplicateKeyException(int line, String path) {
      super("key '" + path + "' is written twice in one mapping");
      this.line = line;
      this.path = path;
    }
  }

  private static String path(Deque<Frame> stack, String field) {
    Frame parent = stack.peek();
    String base = parent == null ? "" : parent.path;
    return base.isEmpty() ? field : base + "." + field;
  }

  /** The line of a path, or of its nearest ancestor that has one. */
  int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return lines.getOrDefault("", 1);
      }
      p = p.substring(0, cut);
    }
  }

  private static final class Frame {
    final String path;
    final boolean array;
    final Set<String> keys = new HashSet<>();
    int nextIndex;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}
