package dev.arrowtap.decode;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** Moves a batch's buffers out of a decoder's reused root into a root of their own. */
final class Transfers {
  private Transfers() {}

  /** A new root that owns the batch's buffers; the batch's vectors are left empty. */
  static VectorSchemaRoot detach(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
    try {
      for (FieldVector vector : batch.getFieldVectors()) {
        TransferPair pair = vector.getTransferPair(allocator);
        pair.transfer();
        vectors.add((FieldVector) pair.getTo());
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    VectorSchemaRoot detached = new VectorSchemaRoot(vectors);
    detached.setRowCount(batch.getRowCount());
    return detached;
  }
}
