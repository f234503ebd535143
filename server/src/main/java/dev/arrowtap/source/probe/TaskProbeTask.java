package dev.arrowtap.source.probe;

import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One task of {@code sys.task_probe(n)}: a single row saying which task ran where. */
public record TaskProbeTask(int task) implements TaskSpec {
  @Override
  public String slice() {
    return "[probe " + task + "]";
  }

  @Override
  public BatchReader open(TaskContext context) {
    return new BatchReader() {
      private final VectorSchemaRoot root =
          VectorSchemaRoot.create(TaskProbeTable.SHAPE.arrowSchema(), context.allocator());
      private boolean sent;

      @Override
      public VectorSchemaRoot next() {
        if (sent || context.isStopped()) {
          return null;
        }
        sent = true;
        BigIntVector taskVector = (BigIntVector) root.getVector(0);
        VarCharVector workerVector = (VarCharVector) root.getVector(1);
        taskVector.allocateNew(1);
        workerVector.allocateNew(1);
        taskVector.set(0, task);
        workerVector.setSafe(0, context.location().getBytes(StandardCharsets.UTF_8));
        root.setRowCount(1);
        context.metrics().addRowsIn(1);
        return root;
      }

      @Override
      public void close() {
        root.close();
      }
    };
  }

  static List<TaskSpec> tasks(int count) {
    return IntStream.range(0, count).<TaskSpec>mapToObj(TaskProbeTask::new).toList();
  }
}
