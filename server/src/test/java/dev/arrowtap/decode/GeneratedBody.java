package dev.arrowtap.decode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: an NDJSON body of many small records, generated as it is read, never held whole. */
final class GeneratedBody extends InputStream {
  private final long records;
  private long next;
  private byte[] line = new byte[0];
  private int position;

  GeneratedBody(long records) {
    this.records = records;
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return line[position++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len && fill()) {
      int chunk = Math.min(len - n, line.length - position);
      System.arraycopy(line, position, b, off + n, chunk);
      position += chunk;
      n += chunk;
    }
    return n == 0 ? -1 : n;
  }

  private boolean fill() {
    if (position < line.length) {
      return true;
    }
    if (next == records) {
      return false;
    }
    line =
        ("{\"id\":" + next + ",\"name\":\"n" + (next % 1000) + "\",\"skip\":[1,2]}\n")
            .getBytes(StandardCharsets.US_ASCII);
    position = 0;
    next++;
    return true;
  }
}
