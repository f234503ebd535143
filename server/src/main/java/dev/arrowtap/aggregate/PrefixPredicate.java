package dev.arrowtap.aggregate;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** {@code col LIKE 'prefix%'} on a VARCHAR vector's bytes. */
final class PrefixPredicate implements VectorPredicate {
  private final int column;
  private final byte[] prefix;

  PrefixPredicate(int column, String prefix) {
    this.column = column;
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void evaluate(VectorSchemaRoot batch, int rows, boolean[] out) {
    BaseVariableWidthVector vector = (BaseVariableWidthVector) batch.getVector(column);
    ArrowBuf data = vector.getDataBuffer();
    for (int row = 0; row < rows; row++) {
      if (vector.isNull(row)) {
        out[row] = false;
        continue;
      }
      long start = vector.getStartOffset(row);
      long end = vector.getStartOffset(row + 1);
      boolean match = end - start >= prefix.length;
      for (int i = 0; match && i < prefix.length; i++) {
        match = data.getByte(start + i) == prefix[i];
      }
      out[row] = match;
    }
  }
}
