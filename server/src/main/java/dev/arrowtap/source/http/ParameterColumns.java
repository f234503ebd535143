package dev.arrowtap.source.http;

import dev.arrowtap.catalog.ParameterDef;
import dev.arrowtap.types.Column;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds a feed task's output batches: the decoded columns moved over without copying, and each
 * parameter column filled with the task's value for it.
 */
final class ParameterColumns implements AutoCloseable {
  private final int[] layout;
  private final String[] values;
  private final VectorSchemaRoot out;

  ParameterColumns(FeedTask task, BufferAllocator allocator) {
    this.layout = task.layout();
    this.values = new String[layout.length];
    List<FieldVector> vectors = new ArrayList<>();
    List<Column> columns = task.output();
    for (int i = 0; i < layout.length; i++) {
      vectors.add(columns.get(i).toField().createVector(allocator));
      if (layout[i] < 0) {
        ParameterDef parameter = task.feed().parameters().get(-1 - layout[i]);
        values[i] = task.parameters().get(parameter.name());
      }
    }
    this.out = new VectorSchemaRoot(vectors);
  }

  /** The output batch for one decoded batch; owned by this object until the next call. */
  VectorSchemaRoot assemble(VectorSchemaRoot decoded) {
    int rows = decoded.getRowCount();
    for (int i = 0; i < layout.length; i++) {
      FieldVector target = out.getVector(i);
      if (layout[i] >= 0) {
        decoded.getVector(layout[i]).makeTransferPair(target).transfer();
      } else {
        fill(target, values[i], rows);
      }
    }
    out.setRowCount(rows);
    return out;
  }

  private static void fill(FieldVector vector, String value, int rows) {
    vector.clear();
    if (value == null) {
      // An optional parameter the query did not bind: nothing was sent, so the column is NULL.
      vector.allocateNew();
      vector.setValueCount(rows);
      return;
    }
    if (vector instanceof BigIntVector numbers) {
      long number = Long.parseLong(value);
      numbers.allocateNew(rows);
      for (int row = 0; row < rows; row++) {
        numbers.set(row, number);
      }
    } else {
      VarCharVector text = (VarCharVector) vector;
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      text.allocateNew((long) bytes.length * rows, rows);
      for (int row = 0; row < rows; row++) {
        text.set(row, bytes);
      }
    }
    vector.setValueCount(rows);
  }

  @Override
  public void close() {
    out.close();
  }
}
