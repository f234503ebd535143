package dev.arrowtap.decode;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Cuts a body into parts that end at a line end, reading it a buffer at a time: the bytes after the
 * last newline of a buffer are carried to the front of the next one. Stops, without losing a byte,
 * at the end of the body, at a line longer than a buffer, or when reading fails; {@link #rest()}
 * then gives the bytes not yet handed out.
 */
final class LineChunker implements Closeable {
  /**
   * A part of the body: {@code length} bytes of {@code bytes}, starting at byte {@code start}. The
   * buffer is shared on purpose (it is recycled for a later part once this one is emitted).
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Chunk(long start, byte[] bytes, int length) {
    /** The part's bytes. */
    InputStream stream() {
      return new BodyBytes(bytes, PADDING, length);
    }

    /**
     * The part's bytes after four spaces: Jackson skips a byte-order mark and guesses UTF-16 or -32
     * from the first four bytes of its input, which it must not do in the middle of a body. The
     * spaces make it read UTF-8, and are whitespace between records.
     */
    BodyBytes padded() {
      Arrays.fill(bytes, 0, PADDING, (byte) ' ');
      return new BodyBytes(bytes, 0, PADDING + length);
    }
  }

  /** Bytes kept free in front of every buffer for {@link Chunk#padded()}. */
  static final int PADDING = 4;

  private final InputStream body;
  private final int chunkBytes;
  private byte[] carry;
  private int carryLength;
  private long position;
  private boolean ended;
  private boolean stuck;
  private IOException failure;

  /** Cuts {@code body}, which starts at byte {@code start} of the whole body. */
  LineChunker(InputStream body, int chunkBytes, long start) {
    this.body = body;
    this.position = start;
    this.chunkBytes = chunkBytes;
    this.carry = new byte[chunkBytes];
  }

  /** A buffer for {@link #next}: the chunk size, and room for the padding. */
  byte[] newBuffer() {
    return new byte[PADDING + chunkBytes];
  }

  /**
   * The next part, read into {@code buffer} (from {@link #newBuffer()}, or a smaller one that it
   * grows to the chunk size as needed), or null when the body is all handed out or cannot be cut
   * further ({@link #cutToEnd()} tells which).
   */
  Chunk next(byte[] buffer) {
    if (stuck || failure != null || (ended && carryLength == 0)) {
      return null;
    }
    System.arraycopy(carry, 0, buffer, PADDING, carryLength);
    int filled = PADDING + carryLength;
    carryLength = 0;
    while (!ended) {
      if (filled == buffer.length) {
        if (buffer.length >= PADDING + chunkBytes) {
          break;
        }
        // A small first buffer grows only as far as the body needs: a small page costs no more.
        buffer = Arrays.copyOf(buffer, Math.min(2 * buffer.length, PADDING + chunkBytes));
      }
      int read;
      try {
        read = body.read(buffer, filled, buffer.length - filled);
      } catch (IOException e) {
        failure = e;
        keep(buffer, PADDING, filled);
        return null;
      }
      if (read < 0) {
        ended = true;
      } else {
        filled += read;
      }
    }
    if (ended) {
      return filled == PADDING ? null : handOut(buffer, filled - PADDING);
    }
    int cut = lastNewline(buffer, filled);
    if (cut < PADDING) {
      // One line fills the whole buffer: the rest of the body is read in one piece.
      stuck = true;
      keep(buffer, PADDING, filled);
      return null;
    }
    keep(buffer, cut + 1, filled);
    return handOut(buffer, cut + 1 - PADDING);
  }

  /** True when every byte of the body went out in parts; false when {@link #rest()} has more. */
  boolean cutToEnd() {
    return ended && carryLength == 0 && failure == null && !stuck;
  }

  /** The byte of the body where {@link #rest()} starts. */
  long position() {
    return position;
  }

  /**
   * The bytes not handed out, then the unread body; the read failure, if reading failed, comes
   * where the body broke.
   */
  InputStream rest() {
    InputStream carried = new ByteArrayInputStream(Arrays.copyOf(carry, carryLength));
    carryLength = 0;
    InputStream after = failure == null ? body : new FailedStream(failure, body);
    return new SequenceInputStream(carried, after);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  private Chunk handOut(byte[] buffer, int length) {
    Chunk chunk = new Chunk(position, buffer, length);
    position += length;
    return chunk;
  }

  private void keep(byte[] buffer, int from, int to) {
    if (carry.length < to - from) {
      carry = new byte[to - from];
    }
    System.arraycopy(buffer, from, carry, 0, to - from);
    carryLength = to - from;
  }

  private static int lastNewline(byte[] buffer, int length) {
    for (int i = length - 1; i >= PADDING; i--) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** A body whose read failed: every read fails the same way again; close closes the body. */
  private static final class FailedStream extends InputStream {
    private final IOException failure;
    private final InputStream body;

    FailedStream(IOException failure, InputStream body) {
      this.failure = failure;
      this.body = body;
    }

    @Override
    public int read() throws IOException {
      throw failure;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      throw failure;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
