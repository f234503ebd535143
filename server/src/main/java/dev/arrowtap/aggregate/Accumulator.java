package dev.arrowtap.aggregate;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The running state of one aggregate for every group of a task, kept in an Arrow vector indexed by
 * group number (allocated from the task's aggregation allocator), updated a batch at a time.
 */
interface Accumulator extends AutoCloseable {
  /** The argument's vector for the next batch (ignored by {@code count(*)}). */
  void bind(FieldVector input);

  /** Makes room for groups {@code [0, groups)}; new groups start empty. */
  void ensure(int groups);

  /**
   * Adds the selected rows {@code rows[0..count)}, row {@code rows[i]} to group {@code groupOf[i]}.
   */
  void add(int[] rows, int[] groupOf, int count);

  /** The state of every group as a vector of the output's type; the caller takes it over. */
  FieldVector result(int groups);

  @Override
  void close();

  /**
   * The accumulator for {@code call} over input of this field's type (null for {@code count(*)}),
   * its output column named {@code name}.
   */
  static Accumulator of(PartialCall call, Field input, String name, BufferAllocator allocator) {
    return switch (call.function()) {
      case COUNT_STAR -> new CountAccumulator(false, bigint(name, allocator));
      case COUNT -> new CountAccumulator(true, bigint(name, allocator));
      case SUM -> sum(input, name, allocator);
      case MIN, MAX -> minMax(call.function() == AggregateFunction.MIN, input, name, allocator);
    };
  }

  private static BigIntVector bigint(String name, BufferAllocator allocator) {
    return new BigIntVector(
        new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null), allocator);
  }

  private static Accumulator sum(Field input, String name, BufferAllocator allocator) {
    ArrowType type = input.getType();
    if (type instanceof ArrowType.FloatingPoint) {
      return new SumDoubleAccumulator(
          new Float8Vector(new Field(name, input.getFieldType(), null), allocator));
    }
    int scale = type instanceof ArrowType.Decimal decimal ? decimal.getScale() : 0;
    DecimalVector state =
        new DecimalVector(
            new Field(
                name,
                new FieldType(input.isNullable(), new ArrowType.Decimal(38, scale, 128), null),
                null),
            allocator);
    return new SumExactAccumulator(type instanceof ArrowType.Decimal, state);
  }

  private static Accumulator minMax(
      boolean min, Field input, String name, BufferAllocator allocator) {
    FieldVector state = new Field(name, input.getFieldType(), null).createVector(allocator);
    if (state instanceof VarCharVector text) {
      text.close();
      return new MinMaxTextAccumulator(min, name, input.getFieldType(), allocator);
    }
    return new MinMaxFixedAccumulator(min, state);
  }
}
