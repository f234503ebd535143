package dev.arrowtap.decode;

/**
 * How one body may be decoded in parallel: by up to {@code threads} threads of the shared {@link
 * DecodePool}, in parts of about {@code chunkBytes} cut at line ends. A body no longer than one
 * part is decoded on the calling thread.
 */
public record ParallelDecoding(int threads, int chunkBytes) {
  /**
   * Parts of 4 MiB: a typical API page stays on one thread, and a part of a large body is decoded
   * in ~10 ms, long enough that handing it over costs nothing measurable.
   */
  public static final int DEFAULT_CHUNK_BYTES = 4 << 20;

  /** Every body on the calling thread. */
  public static final ParallelDecoding SINGLE = new ParallelDecoding(1, DEFAULT_CHUNK_BYTES);

  public ParallelDecoding {
    if (threads < 1) {
      throw new IllegalArgumentException("decode threads must be at least 1: " + threads);
    }
    if (chunkBytes < 16) {
      throw new IllegalArgumentException("chunk bytes must be at least 16: " + chunkBytes);
    }
  }

  /** Up to {@code threads} threads, in parts of the default size. */
  public static ParallelDecoding threads(int threads) {
    return new ParallelDecoding(threads, DEFAULT_CHUNK_BYTES);
  }
}
