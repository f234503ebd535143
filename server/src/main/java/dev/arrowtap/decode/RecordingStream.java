package dev.arrowtap.decode;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Passes a body through while keeping a copy of the bytes read, up to a limit: the decoder that
 * streams the start of a body on one thread reads through it, and the parts decoded in parallel
 * start from the bytes it read but had not yet decoded. Closing it can be turned off, so that the
 * body outlives the first decoder.
 */
final class RecordingStream extends FilterInputStream {
  private final int limit;
  private byte[] copy = new byte[64 * 1024];
  private int size;
  private boolean overflowed;
  private boolean keepOpen;

  RecordingStream(InputStream body, int limit) {
    super(body);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      record(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      record(b, off, n);
    }
    return n;
  }

  /** Bytes read so far, while they are all kept. */
  int size() {
    return size;
  }

  /** True once more was read than the limit: the copy is gone. */
  boolean overflowed() {
    return overflowed;
  }

  /** The bytes read from {@code from} on, followed by the rest of the body. */
  InputStream restFrom(int from) {
    return new SequenceInputStream(new ByteArrayInputStream(copy, from, size - from), in);
  }

  /** Stops keeping a copy, and frees it. */
  void stopRecording() {
    overflowed = true;
    copy = null;
    size = 0;
  }

  /** Closing this stream no longer closes the body, which another reader goes on with. */
  void keepBodyOpen() {
    keepOpen = true;
  }

  @Override
  public void close() throws IOException {
    if (!keepOpen) {
      in.close();
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void record(byte[] b, int off, int n) {
    if (overflowed) {
      return;
    }
    if (size + n > limit) {
      stopRecording();
      return;
    }
    if (size + n > copy.length) {
      copy = Arrays.copyOf(copy, Math.min(limit, Math.max(size + n, 2 * copy.length)));
    }
    System.arraycopy(b, off, copy, size, n);
    size += n;
  }
}
