package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Compares UTF-8 text in the order of Java's {@code String.compareTo} (UTF-16 code units), which is
 * the order Calcite's MIN, MAX and comparisons use. UTF-8 bytes sort by code point, which differs
 * in one place: a character above U+FFFF (a surrogate pair in UTF-16) sorts before U+E000 to U+FFFF
 * in UTF-16 but after them in UTF-8.
 */
final class Utf16Order {
  private Utf16Order() {}

  /** Negative, zero or positive as text a is before, equal to or after text b. */
  static int compare(ArrowBuf a, long aStart, long aEnd, ArrowBuf b, long bStart, long bEnd) {
    long aLength = aEnd - aStart;
    long bLength = bEnd - bStart;
    long common = Math.min(aLength, bLength);
    for (long i = 0; i < common; i++) {
      int x = a.getByte(aStart + i) & 0xff;
      int y = b.getByte(bStart + i) & 0xff;
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return Long.compare(aLength, bLength);
  }

  /** The same with a literal's bytes on the right. */
  static int compare(ArrowBuf a, long aStart, long aEnd, byte[] b) {
    long aLength = aEnd - aStart;
    long common = Math.min(aLength, b.length);
    for (int i = 0; i < common; i++) {
      int x = a.getByte(aStart + i) & 0xff;
      int y = b[i] & 0xff;
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return Long.compare(aLength, b.length);
  }

  /**
   * The first differing bytes of two texts with a common prefix are either continuation bytes of
   * characters of one length class (where byte order is UTF-16 order) or the lead bytes of two
   * characters. Only lead bytes 0xEE-0xEF (U+E000 to U+FFFF) and 0xF0-0xF4 (above U+FFFF) need
   * swapping: the four-byte leads move just below 0xEE.
   */
  private static int rank(int b) {
    if (b >= 0xF0) {
      return b - 0xF0 + 0xEE;
    }
    if (b >= 0xEE) {
      return b + 5;
    }
    return b;
  }
}
