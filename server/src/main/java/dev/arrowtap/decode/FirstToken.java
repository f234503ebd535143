package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonToken;

/** The kind of a body's first JSON value, read from its first bytes without a parser. */
final class FirstToken {
  private FirstToken() {}

  /**
   * {@code START_OBJECT}, {@code START_ARRAY}, {@code VALUE_STRING} for anything else, or null when
   * the bytes hold only whitespace (and a byte-order mark at the start, which Jackson skips).
   */
  static JsonToken of(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    if (length >= 3
        && bytes[i] == (byte) 0xEF
        && bytes[i + 1] == (byte) 0xBB
        && bytes[i + 2] == (byte) 0xBF) {
      i += 3;
    }
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      if (b == '{') {
        return JsonToken.START_OBJECT;
      }
      return b == '[' ? JsonToken.START_ARRAY : JsonToken.VALUE_STRING;
    }
    return null;
  }
}
