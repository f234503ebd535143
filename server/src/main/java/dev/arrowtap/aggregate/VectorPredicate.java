package dev.arrowtap.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A {@link TaskFilter} compiled for the column types of a task's batches: marks, for each row of a
 * batch, whether the condition is TRUE. AND and OR need nothing more than TRUE-ness, since no NOT
 * is pushed.
 */
interface VectorPredicate {
  /** Sets {@code out[row]} for rows {@code [0, rows)} of the batch. */
  void evaluate(VectorSchemaRoot batch, int rows, boolean[] out);

  /** Compiles a filter for a batch of this shape. */
  static VectorPredicate compile(TaskFilter filter, VectorSchemaRoot batch) {
    if (filter instanceof TaskFilter.AllOf all) {
      return combine(all.filters(), batch, true);
    }
    if (filter instanceof TaskFilter.AnyOf any) {
      return combine(any.filters(), batch, false);
    }
    if (filter instanceof TaskFilter.LikePrefix like) {
      return new PrefixPredicate(like.column(), like.prefix());
    }
    TaskFilter.InRanges ranges = (TaskFilter.InRanges) filter;
    ArrowType type = batch.getVector(ranges.column()).getField().getType();
    return RangePredicate.of(ranges, type);
  }

  private static VectorPredicate combine(
      List<TaskFilter> filters, VectorSchemaRoot batch, boolean all) {
    List<VectorPredicate> parts = new ArrayList<>();
    for (TaskFilter part : filters) {
      parts.add(compile(part, batch));
    }
    return new Combined(parts, all);
  }

  /** AND (all) or OR of parts. */
  final class Combined implements VectorPredicate {
    private final List<VectorPredicate> parts;
    private final boolean all;
    private boolean[] scratch = new boolean[0];

    Combined(List<VectorPredicate> parts, boolean all) {
      this.parts = List.copyOf(parts);
      this.all = all;
    }

    @Override
    public void evaluate(VectorSchemaRoot batch, int rows, boolean[] out) {
      java.util.Arrays.fill(out, 0, rows, all);
      if (scratch.length < rows) {
        scratch = new boolean[rows];
      }
      for (VectorPredicate part : parts) {
        part.evaluate(batch, rows, scratch);
        for (int i = 0; i < rows; i++) {
          out[i] = all ? out[i] && scratch[i] : out[i] || scratch[i];
        }
      }
    }
  }
}
