package dev.arrowtap.source.http;

import dev.arrowtap.decode.SampleLimitReached;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * The first page's body as inference reads it: at most {@code maxBytes}, only until told to stop
 * (its time is up, or the query was cancelled), keeping a copy of what passed so that a scan can
 * decode the same page without fetching it again.
 */
final class SampleStream extends FilterInputStream {
  private final long maxBytes;
  private final BooleanSupplier stop;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private long count;
  private boolean ended;

  SampleStream(InputStream body, long maxBytes, BooleanSupplier stop) {
    super(body);
    this.maxBytes = maxBytes;
    this.stop = stop;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (stop.getAsBoolean()) {
      throw new SampleLimitReached("stopped");
    }
    if (count >= maxBytes) {
      throw new SampleLimitReached("read " + maxBytes + " bytes");
    }
    int n;
    try {
      n = super.read(buffer, offset, (int) Math.min(length, maxBytes - count));
    } catch (IOException e) {
      if (stop.getAsBoolean()) {
        throw new SampleLimitReached("stopped");
      }
      throw e;
    }
    if (n < 0) {
      ended = true;
    } else {
      copy.write(buffer, offset, n);
      count += n;
    }
    return n;
  }

  /**
   * Reads what is left of the body, within the same bounds.
   *
   * @return the whole body, or null when it did not end within the bounds
   */
  byte[] readToEnd() {
    byte[] scrap = new byte[8192];
    try {
      while (!ended) {
        read(scrap, 0, scrap.length);
      }
    } catch (IOException e) {
      return null;
    }
    return copy.toByteArray();
  }

  long count() {
    return count;
  }

  boolean exhausted() {
    return count >= maxBytes;
  }
}
