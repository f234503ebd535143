package dev.arrowtap.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** Moves batches between owners without copying their buffers. */
public final class Batches {
  private Batches() {}

  /**
   * Transfers the buffers of {@code source} into a new root owned by {@code target}, leaving the
   * source empty and ready for the next batch.
   */
  public static VectorSchemaRoot detach(VectorSchemaRoot source, BufferAllocator target) {
    List<FieldVector> vectors = new ArrayList<>(source.getFieldVectors().size());
    for (FieldVector vector : source.getFieldVectors()) {
      TransferPair pair = vector.getTransferPair(target);
      pair.transfer();
      vectors.add((FieldVector) pair.getTo());
    }
    VectorSchemaRoot detached =
        new VectorSchemaRoot(source.getSchema(), vectors, source.getRowCount());
    source.setRowCount(0);
    return detached;
  }

  /** The bytes held by a batch's buffers. */
  public static long sizeInBytes(VectorSchemaRoot root) {
    long bytes = 0;
    for (FieldVector vector : root.getFieldVectors()) {
      bytes += vector.getBufferSize();
    }
    return bytes;
  }
}
