package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonToken;

/** The kind of a body's first JSON value, read from its first bytes without a parser. */
final class FirstToken {
  private FirstToken() {}

  /**
   * {@code START_OBJECT}, {@code START_ARRAY}, {@code VALUE_STRING} for anything else, or null when
   * the bytes hold only whitespace (and a byte-order mark at the start, which Jackson skips).
   */
  static JsonToken of(byte[] bytes, int length) {
    int i = 0;
    if (length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      i = 3;
    }
    for (; i < length; i++) {
      byte b = bytes[i];
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      return b == '{'
          ? JsonToken.START_OBJECT
          : b == '[' ? JsonToken.START_ARRAY : JsonToken.VALUE_STRING;
    }
    return null;
  }
}
