package dev.arrowtap.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

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
    int nextIndex;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}
