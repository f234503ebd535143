package dev.arrowtap.decode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a body, for metrics and error offsets, and notes when it ended; the
 * HTTP page and the decoder both read through one.
 */
public final class CountingInputStream extends FilterInputStream {
  private long count;
  private volatile boolean ended;

  public CountingInputStream(InputStream in) {
    super(in);
  }

  /** The bytes read (or skipped) so far. */
  public long count() {
    return count;
  }

  /** True once a read met the end of the stream. */
  public boolean ended() {
    return ended;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      count++;
    } else {
      ended = true;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
    } else if (n < 0) {
      ended = true;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    count += skipped;
    return skipped;
  }

  /** No mark and reset: the count would no longer match what was read. */
  @Override
  public boolean markSupported() {
    return false;
  }
}
