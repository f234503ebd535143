package dev.arrowtap.server.meta;

import dev.arrowtap.server.meta.ValueWriters.ValueWriter;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query's result as Arrow batches: each {@link #loadNextBatch} writes the engine's next rows into
 * the same vectors, so a reader holds one batch at a time whatever the result's size. The first
 * batch is small, so that the first row comes quickly; later ones are full size.
 */
final class ResultBatchReader extends ArrowReader {
  /**
   * What surrounds each batch: the query's scope and metrics, and its errors as clients see them.
   */
  interface Tracking {
    /** Runs the work of one batch as part of the query. */
    <T> T run(Callable<T> batch);

    /** Counts the rows of a batch handed to the client; {@code done} ends the query. */
    void sent(long rows, boolean done);
  }

  private final ResultSet rows;
  private final Schema schema;
  private final Tracking tracking;
  private final int batchRows;
  private int nextBatchRows;
  private ValueWriter[] writers;
  private boolean allocated;
  private boolean done;

  /**
   * @param allocator owned by this reader from now on, closed with it
   * @param batchRows rows of a full batch
   */
  ResultBatchReader(
      ResultSet engineRows,
      ResultColumns columns,
      BufferAllocator allocator,
      int batchRows,
      Tracking tracking) {
    super(allocator);
    this.rows = engineRows;
    this.schema = columns.schema();
    this.tracking = tracking;
    this.batchRows = Math.max(1, batchRows);
    this.nextBatchRows = Math.min(this.batchRows, ResultColumns.FIRST_BATCH_ROWS);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    VectorSchemaRoot root = getVectorSchemaRoot();
    if (done) {
      root.setRowCount(0);
      return false;
    }
    int limit = nextBatchRows;
    nextBatchRows = batchRows;
    int count = tracking.run(() -> fill(root, limit));
    done = count < limit;
    tracking.sent(count, done);
    return count > 0;
  }

  private int fill(VectorSchemaRoot root, int limit) throws SQLException {
    List<FieldVector> vectors = root.getFieldVectors();
    if (writers == null) {
      writers = new ValueWriter[vectors.size()];
      for (int i = 0; i < writers.length; i++) {
        writers[i] = ValueWriters.forVector(vectors.get(i));
      }
    }
    // The vectors keep their buffers from batch to batch; a reset only forgets the values.
    for (FieldVector vector : vectors) {
      if (allocated) {
        vector.reset();
      } else {
        vector.setInitialCapacity(limit);
        vector.allocateNew();
      }
    }
    allocated = true;
    int count = 0;
    while (count < limit && rows.next()) {
      for (int i = 0; i < writers.length; i++) {
        writers[i].write(rows, i + 1, count);
      }
      count++;
    }
    root.setRowCount(count);
    return count;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  /** Gives the batch memory back; the engine's result stays with its statement. */
  @Override
  protected void closeReadSource() {
    allocator.close();
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
