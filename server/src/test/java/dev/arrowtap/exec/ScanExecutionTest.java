package dev.arrowtap.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ScanExecutionTest {
  private static final TableShape SHAPE =
      new TableShape(List.of(new Column("n", ColumnType.BIGINT, false)));

  /**
   * Three one-row batches (a full queue), then a failure: the error must reach the reader, however
   * slow.
   */
  record FailingTask(CountDownLatch failed) implements TaskSpec {
    @Override
    public String slice() {
      return "[fails]";
    }

    @Override
    public BatchReader open(TaskContext context) {
      BigIntVector vector =
          (BigIntVector) SHAPE.columns().get(0).toField().createVector(context.allocator());
      VectorSchemaRoot root = new VectorSchemaRoot(List.of(vector.getField()), List.of(vector), 0);
      return new BatchReader() {
        int produced;

        @Override
        public VectorSchemaRoot next() {
          if (produced == 3) {
            failed.countDown();
            throw new ArrowtapException("08006", "page 4 broke");
          }
          vector.allocateNew(1);
          vector.set(0, produced++);
          root.setRowCount(1);
          return root;
        }

        @Override
        public void close() {
          root.close();
        }
      };
    }
  }

  @Test
  void failureReachesASlowReaderInsteadOfASilentEnd() throws Exception {
    // Regression (review finding 3): with the queue full, the failure used to be dropped and the
    // scan ended as if complete.
    try (ExecutionServices services = new ExecutionServices(1, 64L << 20)) {
      CountDownLatch failed = new CountDownLatch(1);
      ScanPlan plan = new ScanPlan("failing", SHAPE, List.of(new FailingTask(failed)), 1);
      ScanExecution execution = ScanExecution.start(plan, services, new AtomicBoolean());
      assertTrue(failed.await(10, TimeUnit.SECONDS));
      // Read nothing for a while, as a slow client does: longer than the runner waits to queue.
      TimeUnit.MILLISECONDS.sleep(300);
      int rows = 0;
      ArrowtapException error;
      try {
        while (true) {
          VectorSchemaRoot batch = execution.next();
          assertTrue(batch != null, "the scan ended without its error after " + rows + " rows");
          rows += batch.getRowCount();
          batch.close();
        }
      } catch (ArrowtapException e) {
        error = e;
      } finally {
        execution.close();
      }
      assertEquals("page 4 broke", error.getMessage().substring(error.getMessage().length() - 12));
      assertEquals(0, services.rootAllocator().getAllocatedMemory());
    }
  }
}
