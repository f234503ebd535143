package dev.arrowtap.decode;

import java.util.ArrayList;
import java.util.List;

/** Parses and escapes JSON Pointers (RFC 6901). */
final class JsonPointers {
  private JsonPointers() {}

  /** The unescaped reference tokens of a pointer; the empty pointer has none. */
  static List<String> parse(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) {
      return tokens;
    }
    if (pointer.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "JSON Pointer must be empty or start with '/': '" + pointer + "'");
    }
    int start = 1;
    while (true) {
      int slash = pointer.indexOf('/', start);
      int end = slash < 0 ? pointer.length() : slash;
      tokens.add(unescape(pointer, start, end));
      if (slash < 0) {
        return tokens;
      }
      start = slash + 1;
    }
  }

  /** The pointer to a top-level field of that name. */
  static String escape(String fieldName) {
    return "/" + fieldName.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String pointer, int start, int end) {
    StringBuilder token = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = pointer.charAt(i);
      if (c == '~') {
        char next = i + 1 < end ? pointer.charAt(i + 1) : ' ';
        if (next != '0' && next != '1') {
          throw new IllegalArgumentException(
              "JSON Pointer has '~' not followed by 0 or 1: '" + pointer + "'");
        }
        token.append(next == '0' ? '~' : '/');
        i++;
      } else {
        token.append(c);
      }
    }
    return token.toString();
  }

  /** The pointer as shown in messages. */
  static String describe(String pointer) {
    return pointer.isEmpty() ? "the top level" : pointer;
  }
}
