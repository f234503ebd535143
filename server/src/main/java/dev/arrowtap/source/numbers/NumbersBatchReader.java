package dev.arrowtap.source.numbers;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Generates a range of numbers batch by batch, so memory stays at one batch per task. */
final class NumbersBatchReader implements BatchReader {
  private final TaskContext context;
  private final BigIntVector vector;
  private final VectorSchemaRoot root;
  private long next;
  private final long end;

  NumbersBatchReader(NumbersTask task, TaskContext context) {
    this.context = context;
    this.next = task.start();
    this.end = task.end();
    this.vector =
        (BigIntVector)
            NumbersTable.SHAPE.columns().get(0).toField().createVector(context.allocator());
    this.root = new VectorSchemaRoot(List.of(vector.getField()), List.of(vector), 0);
  }

  @Override
  public VectorSchemaRoot next() {
    if (next >= end || context.isStopped()) {
      return null;
    }
    int count = (int) Math.min(context.batchSize(), end - next);
    vector.allocateNew(count);
    for (int i = 0; i < count; i++) {
      vector.set(i, next + i);
    }
    next += count;
    root.setRowCount(count);
    context.metrics().addRowsIn(count);
    return root;
  }

  @Override
  public void close() {
    root.close();
  }
}
