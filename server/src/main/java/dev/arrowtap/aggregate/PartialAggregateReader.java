package dev.arrowtap.aggregate;

import dev.arrowtap.common.SqlStates;
import dev.arrowtap.exec.BatchReader;
import dev.arrowtap.exec.PermanentFailure;
import dev.arrowtap.exec.TaskContext;
import dev.arrowtap.exec.TaskSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Reads every batch of the input task, keeps the rows that pass the filters, adds them to their
 * groups, and then hands on the groups, {@code batchSize} at a time. The group table and the states
 * are allocated from a child of the task's allocator limited to the query's memory limit: a
 * grouping that outgrows it fails the query with SQLState 53200.
 */
final class PartialAggregateReader implements BatchReader {
  private final TaskSpec inputSpec;
  private final PartialAggregateSpec spec;
  private final TaskContext context;
  private final BatchReader input;
  private final BufferAllocator allocator;
  private final GroupTable groups;
  private final List<Accumulator> accumulators = new ArrayList<>();
  private VectorPredicate filter;
  private int[] selected = new int[0];
  private int[] groupOf = new int[0];
  private boolean[] passes = new boolean[0];
  private VectorSchemaRoot result;
  private VectorSchemaRoot slice;
  private int emitted;
  private boolean aggregated;
  private boolean prepared;

  PartialAggregateReader(TaskSpec inputSpec, PartialAggregateSpec spec, TaskContext context)
      throws IOException {
    this.inputSpec = inputSpec;
    this.spec = spec;
    this.context = context;
    this.allocator =
        context
            .allocator()
            .newChildAllocator("partial aggregate " + inputSpec.slice(), 0, spec.memoryLimit());
    this.groups = new GroupTable(spec.keys(), allocator);
    BatchReader opened;
    try {
      opened = inputSpec.open(context);
    } catch (IOException | RuntimeException e) {
      allocator.close();
      throw e;
    }
    this.input = opened;
  }

  @Override
  public VectorSchemaRoot next() throws IOException {
    try {
      if (!aggregated) {
        aggregateInput();
        aggregated = true;
        if (context.isStopped()) {
          return null;
        }
        result = collect();
      }
      return nextSlice();
    } catch (OutOfMemoryException e) {
      throw new PermanentFailure(
          SqlStates.OUT_OF_MEMORY,
          "the partial aggregate of task "
              + inputSpec.slice()
              + " needs more than the query's memory limit of "
              + spec.memoryLimit()
              + " bytes for its "
              + groups.groups()
              + " groups (query_memory_limit): group by fewer or narrower columns, or ask for"
              + " a higher limit",
          e);
    }
  }

  private void aggregateInput() throws IOException {
    VectorSchemaRoot batch;
    while (!context.isStopped() && (batch = input.next()) != null) {
      // The source counts its rows in (TaskMetrics.addRowsIn); this reader's rows out are groups.
      int rows = batch.getRowCount();
      if (!prepared) {
        prepare(batch);
        prepared = true;
      }
      int count = select(batch, rows);
      if (count == 0) {
        continue;
      }
      groups.bind(batch);
      groups.assign(selected, count, groupOf);
      for (int i = 0; i < accumulators.size(); i++) {
        Accumulator accumulator = accumulators.get(i);
        PartialCall call = spec.calls().get(i);
        accumulator.bind(call.column() < 0 ? null : batch.getVector(call.column()));
        accumulator.ensure(groups.groups());
        // Without keys every row is group 0: accumulators add such a batch in locals.
        accumulator.add(selected, spec.keys().isEmpty() ? null : groupOf, count);
      }
    }
  }

  /** The first batch decides the states' types and compiles the filters. */
  private void prepare(VectorSchemaRoot batch) {
    if (!spec.filters().isEmpty()) {
      filter = VectorPredicate.compile(new TaskFilter.AllOf(spec.filters()), batch);
    }
    for (int i = 0; i < spec.calls().size(); i++) {
      PartialCall call = spec.calls().get(i);
      accumulators.add(
          Accumulator.of(
              call,
              call.column() < 0 ? null : batch.getVector(call.column()).getField(),
              "a" + i,
              allocator));
    }
  }

  /** Puts the rows that pass the filters in {@code selected}; returns how many. */
  private int select(VectorSchemaRoot batch, int rows) {
    if (selected.length < rows) {
      selected = new int[rows];
      groupOf = new int[rows];
      passes = new boolean[rows];
    }
    if (filter == null) {
      for (int i = 0; i < rows; i++) {
        selected[i] = i;
      }
      return rows;
    }
    filter.evaluate(batch, rows, passes);
    int count = 0;
    for (int i = 0; i < rows; i++) {
      if (passes[i]) {
        selected[count++] = i;
      }
    }
    return count;
  }

  /** Every group as one root: the key vectors, then each state; null when no row arrived. */
  private VectorSchemaRoot collect() {
    int count = groups.groups();
    groups.releaseTable();
    if (count == 0) {
      return null;
    }
    List<FieldVector> vectors = new ArrayList<>(groups.keyVectors());
    try {
      for (Accumulator accumulator : accumulators) {
        vectors.add(accumulator.result(count));
      }
    } catch (RuntimeException e) {
      // Results made so far would outlive the task's allocator (closing a vector twice is safe).
      vectors.forEach(FieldVector::close);
      throw e;
    }
    VectorSchemaRoot root = new VectorSchemaRoot(vectors);
    root.setRowCount(count);
    return root;
  }

  private VectorSchemaRoot nextSlice() {
    closeSlice();
    if (result == null || emitted >= result.getRowCount()) {
      return null;
    }
    int length = Math.min(context.batchSize(), result.getRowCount() - emitted);
    List<FieldVector> vectors = new ArrayList<>();
    for (FieldVector vector : result.getFieldVectors()) {
      TransferPair pair = vector.getTransferPair(allocator);
      pair.splitAndTransfer(emitted, length);
      vectors.add((FieldVector) pair.getTo());
    }
    emitted += length;
    slice = new VectorSchemaRoot(vectors);
    slice.setRowCount(length);
    return slice;
  }

  private void closeSlice() {
    if (slice != null) {
      slice.close();
      slice = null;
    }
  }

  @Override
  public void cancel() {
    input.cancel();
  }

  @Override
  public void close() {
    try {
      input.close();
    } finally {
      closeSlice();
      if (result != null) {
        result.close();
      }
      groups.close();
      accumulators.forEach(Accumulator::close);
      allocator.close();
    }
  }
}
