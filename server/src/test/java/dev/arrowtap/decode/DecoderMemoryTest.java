package dev.arrowtap.decode;

import static dev.arrowtap.decode.Decoded.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.types.ColumnType;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Arrow memory stays at one batch however long the body, and is all returned on close. */
class DecoderMemoryTest {
  private static final int BATCH = 1024;

  /** Two columns of one batch with generous room for text; independent of the record count. */
  private static final long BOUND = 256 * 1024;

  @Test
  void millionRecordsInBoundedMemory() throws Exception {
    long records = 1_000_000;
    long idSum = 0;
    try (RootAllocator allocator = new RootAllocator();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                new GeneratedBody(records),
                "application/x-ndjson",
                RecordLayout.AUTO,
                List.of(col("id", ColumnType.BIGINT), col("name", ColumnType.VARCHAR)),
                Set.of(),
                allocator,
                BATCH)) {
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        BigIntVector ids = (BigIntVector) root.getVector(0);
        for (int i = 0; i < root.getRowCount(); i++) {
          idSum += ids.get(i);
        }
      }
      assertEquals(records, decoder.recordCount());
      assertTrue(decoder.bytesRead() > records * 30, "bytes " + decoder.bytesRead());
      assertTrue(
          allocator.getPeakMemoryAllocation() < BOUND,
          "peak " + allocator.getPeakMemoryAllocation());
    }
    assertEquals(records * (records - 1) / 2, idSum);
  }

  @Test
  void allocatorIsEmptyAfterAnError() throws Exception {
    // RootAllocator.close() throws if anything is still allocated.
    try (RootAllocator allocator = new RootAllocator();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                new ByteArrayInputStream(Decoded.bytes("[{\"a\":\"x\"},{\"a\":")),
                null,
                RecordLayout.AUTO,
                List.of(col("a", ColumnType.VARCHAR), col("b", ColumnType.DECIMAL)),
                Set.of(),
                allocator,
                16)) {
      assertThrows(JsonDecodeException.class, decoder::next);
      assertTrue(allocator.getAllocatedMemory() > 0);
    }
  }

  @Test
  void closeWithoutReading() {
    try (RootAllocator allocator = new RootAllocator();
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                new ByteArrayInputStream(new byte[0]),
                null,
                RecordLayout.AUTO,
                List.of(col("a", ColumnType.VARCHAR)),
                Set.of(),
                allocator,
                16)) {
      assertEquals(0, decoder.recordCount());
    }
  }
}
