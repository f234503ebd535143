package dev.arrowtap.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decodes one response body into Arrow batches: on the calling thread ({@link JsonBatchDecoder}),
 * or, for a large NDJSON body, on several threads ({@link ParallelBodyDecoder}) with the same rows
 * in the same order and the same errors.
 */
public interface BodyDecoder extends AutoCloseable {
  /**
   * The next batch (owned by the decoder, valid until the next call or {@link #close()}), or null
   * at the end of the body.
   *
   * @throws JsonDecodeException when the body is malformed, cut off, misshapen, or holds a value
   *     that does not fit its column
   */
  VectorSchemaRoot next() throws IOException;

  /** Records delivered (or skipped) so far. */
  long recordCount();

  /** Values at the capture pointers, complete once {@link #next()} returned null. */
  Map<String, JsonNode> captured();

  /** Frees every batch and closes the body; stops any thread still decoding a part of it. */
  @Override
  void close();

  /**
   * A decoder for {@code body}: on several threads when {@code parallel} allows more than one and
   * the layout may be NDJSON without captures, else on the calling thread.
   */
  static BodyDecoder open(
      InputStream body,
      String contentType,
      RecordLayout layout,
      List<ColumnBinding> columns,
      Set<String> capturePointers,
      BufferAllocator allocator,
      int batchSize,
      ParallelDecoding parallel) {
    boolean lines =
        layout.format() == RecordLayout.Format.NDJSON
            || layout.format() == RecordLayout.Format.AUTO;
    if (parallel.threads() > 1 && lines && capturePointers.isEmpty() && !layout.exploded()) {
      return new ParallelBodyDecoder(
          body, contentType, layout, columns, allocator, batchSize, parallel);
    }
    return new JsonBatchDecoder(
        body, contentType, layout, columns, capturePointers, allocator, batchSize);
  }
}
