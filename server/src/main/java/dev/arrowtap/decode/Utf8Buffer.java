package dev.arrowtap.decode;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer reused for every value of a decoder, so that writing text to Arrow
 * allocates nothing per value. It is also the sink of the JSON text copier.
 */
final class Utf8Buffer extends OutputStream {
  private byte[] bytes = new byte[256];
  private int length;

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  /**
   * Replaces the contents with the UTF-8 encoding of the chars.
   *
   * @return the index of an unpaired surrogate (a JSON escape such as {@code \ud800}, which has no
   *     UTF-8 form) that stopped the encoding, or -1 when every char was encoded
   */
  int encode(char[] chars, int offset, int count) {
    ensure(count * 3);
    byte[] out = bytes;
    int end = offset + count;
    int i = offset;
    int n = 0;
    // Most API text is ASCII: a tight loop for it, the general encoder from the first other char.
    while (i < end) {
      char c = chars[i];
      if (c >= 0x80) {
        break;
      }
      out[n++] = (byte) c;
      i++;
    }
    for (; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | (c >> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        out[n++] = (byte) (0xF0 | (cp >> 18));
        out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        length = n;
        return i;
      } else {
        out[n++] = (byte) (0xE0 | (c >> 12));
        out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    length = n;
    return -1;
  }

  @Override
  public void write(int b) {
    ensure(length + 1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(length + len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }
}
