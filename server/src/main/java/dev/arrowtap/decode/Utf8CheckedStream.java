package dev.arrowtap.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * The body as the parser reads it, every byte checked by a {@link Utf8Validator}. The bytes before
 * an ill-formed sequence are handed over first, and the next read throws {@link InvalidUtf8}: the
 * parser has then read up to the bad bytes, so the error names the record that holds them. A body
 * that starts as UTF-16 or UTF-32 (a byte-order mark, or a zero byte among its first two, as
 * Jackson detects it) is passed through unchecked: Jackson decodes and checks those itself.
 */
final class Utf8CheckedStream extends FilterInputStream {
  private final Utf8Validator validator = new Utf8Validator();
  private boolean started; // the first bytes told the encoding
  private boolean checked; // the body is UTF-8, so its bytes are checked
  private InvalidUtf8 pending;
  private long delivered; // bytes handed to the reader so far

  /** A stream over {@code in}; error offsets count from its first byte. */
  Utf8CheckedStream(InputStream in) {
    super(new PushbackInputStream(in, 4));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pending != null) {
      throw pending;
    }
    if (len == 0) {
      return 0;
    }
    if (!started) {
      started = true;
      checked = isUtf8();
    }
    int n = in.read(b, off, len);
    if (!checked) {
      return n;
    }
    if (n < 0) {
      if (!validator.atEnd()) {
        throw invalid();
      }
      return n;
    }
    long first = delivered;
    int bad = validator.check(b, off, off + n);
    if (bad < 0) {
      delivered += n;
      return n;
    }
    pending = invalid();
    // Hand over what comes before the ill-formed sequence; the next read reports it.
    int good = (int) Math.max(0, validator.problemOffset() - first);
    if (good == 0) {
      throw pending;
    }
    delivered += good;
    return good;
  }

  private InvalidUtf8 invalid() {
    return new InvalidUtf8(validator.problemOffset(), validator.problem());
  }

  /** Reads (and puts back) the first bytes, which tell UTF-8 from UTF-16 and UTF-32. */
  private boolean isUtf8() throws IOException {
    byte[] head = new byte[4];
    int n = 0;
    while (n < head.length) {
      int r = in.read(head, n, head.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    if (n > 0) {
      ((PushbackInputStream) in).unread(head, 0, n);
    }
    if (n >= 2) {
      int b0 = head[0] & 0xFF;
      int b1 = head[1] & 0xFF;
      if (b0 == 0 || b1 == 0 || (b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes are not checked; nothing skips a body, but never let one through unchecked.
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    int r = read(sink, 0, sink.length);
    return Math.max(r, 0);
  }

  @Override
  public int available() throws IOException {
    return pending != null ? 0 : in.available();
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** An ill-formed UTF-8 sequence in the body, at {@link #byteOffset()}. */
  static final class InvalidUtf8 extends IOException {
    private static final long serialVersionUID = 1L;
    private final long byteOffset;
    private final String problem;

    InvalidUtf8(long byteOffset, String problem) {
      super("byte " + byteOffset + " of the stream: invalid UTF-8: " + problem);
      this.byteOffset = byteOffset;
      this.problem = problem;
    }

    /** Where the ill-formed sequence starts, in bytes from the stream's first. */
    long byteOffset() {
      return byteOffset;
    }

    /** What is wrong, naming the bytes. */
    String problem() {
      return problem;
    }
  }
}
