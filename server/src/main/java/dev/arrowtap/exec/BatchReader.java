package dev.arrowtap.exec;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A stream of Arrow batches produced by one task. The reader owns the returned root; its contents
 * stay valid until the next call to {@link #next()} or {@link #close()}.
 */
public interface BatchReader extends AutoCloseable {
  /** Returns the next non-empty batch, or null when the slice is exhausted. */
  VectorSchemaRoot next() throws IOException;

  /**
   * Asks a reader that may be blocked in {@link #next()} on another thread to give up soon; safe to
   * call from any thread, at any time. Readers that never block need not do anything.
   */
  default void cancel() {}

  @Override
  void close();
}
