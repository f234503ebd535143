package dev.arrowtap.plan;

import dev.arrowtap.exec.ScanExecution;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Turns a scan's stream of Arrow batches into Calcite rows: an {@code Object[]} per row, or the
 * bare value when the scan has one column. Holds one batch at a time.
 */
final class RowEnumerator implements Enumerator<Object> {
  private final ScanExecution execution;
  private final int columnCount;
  private VectorSchemaRoot batch;
  private ColumnAccessor[] accessors;
  private int row;
  private int rowCount;
  private boolean done;

  RowEnumerator(ScanExecution execution, int columnCount) {
    this.execution = execution;
    this.columnCount = columnCount;
  }

  @Override
  public Object current() {
    if (columnCount == 1) {
      return accessors[0].get(row);
    }
    Object[] values = new Object[columnCount];
    for (int i = 0; i < columnCount; i++) {
      values[i] = accessors[i].get(row);
    }
    return values;
  }

  @Override
  public boolean moveNext() {
    if (++row < rowCount) {
      return true;
    }
    while (!done) {
      releaseBatch();
      try {
        batch = execution.next();
      } catch (RuntimeException e) {
        // Calcite's operators do not always close an input that failed: free its memory now,
        // and keep the task's own error in front of anything closing reports.
        try {
          close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      if (batch == null) {
        done = true;
        return false;
      }
      rowCount = batch.getRowCount();
      row = 0;
      if (rowCount > 0) {
        accessors = new ColumnAccessor[columnCount];
        for (int i = 0; i < columnCount; i++) {
          FieldVector vector = batch.getVector(i);
          accessors[i] = ColumnAccessor.of(vector);
        }
        return true;
      }
    }
    return false;
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("a scan streams once");
  }

  @Override
  public void close() {
    releaseBatch();
    execution.close();
  }

  private void releaseBatch() {
    if (batch != null) {
      batch.close();
      batch = null;
      rowCount = 0;
    }
  }
}
