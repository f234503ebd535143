package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One group-by column of a task's group table: hashes and compares an input row's value with a
 * group's stored value straight on the vectors' buffers, and stores a new group's value by copying
 * it into a vector of the same type (which becomes the key column of the output).
 */
abstract class KeyColumn implements AutoCloseable {
  private static final int NULL_HASH = 0x5bd1e995;

  protected final FieldVector stored;

  KeyColumn(FieldVector stored) {
    this.stored = stored;
  }

  /** A key column for input vectors of this field's type, named {@code name} in the output. */
  static KeyColumn of(Field input, String name, BufferAllocator allocator) {
    FieldVector stored = new Field(name, input.getFieldType(), null).createVector(allocator);
    stored.allocateNew();
    if (stored instanceof BitVector bits) {
      return new Bits(bits);
    }
    if (stored instanceof BaseVariableWidthVector) {
      return new Bytes(stored);
    }
    if (stored instanceof BaseFixedWidthVector fixed) {
      return new Fixed(fixed);
    }
    stored.close();
    throw new IllegalArgumentException("cannot group by " + input);
  }

  /** The input column's vector for the next batch. */
  abstract void bind(FieldVector input);

  abstract int hash(int row);

  abstract boolean matches(int row, int group);

  /** Stores the row's value as the key of {@code group}, the next group in order. */
  final void append(int row, int group, FieldVector input) {
    stored.copyFromSafe(row, group, input);
  }

  FieldVector stored() {
    return stored;
  }

  @Override
  public void close() {
    stored.close();
  }

  static int nullHash() {
    return NULL_HASH;
  }

  static int mix(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** BIGINT, DATE, TIMESTAMP and DECIMAL keys: 4, 8 or 16 bytes compared as they are stored. */
  static final class Fixed extends KeyColumn {
    private final int width;
    private BaseFixedWidthVector input;

    Fixed(BaseFixedWidthVector stored) {
      super(stored);
      this.width = stored.getTypeWidth();
    }

    @Override
    void bind(FieldVector vector) {
      input = (BaseFixedWidthVector) vector;
    }

    @Override
    int hash(int row) {
      if (input.isNull(row)) {
        return nullHash();
      }
      ArrowBuf data = input.getDataBuffer();
      long at = (long) row * width;
      return switch (width) {
        case 4 -> mix(data.getInt(at));
        case 8 -> mix(data.getLong(at));
        default -> mix(data.getLong(at)) * 31 + mix(data.getLong(at + 8));
      };
    }

    @Override
    boolean matches(int row, int group) {
      boolean rowNull = input.isNull(row);
      boolean groupNull = stored.isNull(group);
      if (rowNull || groupNull) {
        return rowNull && groupNull;
      }
      ArrowBuf a = input.getDataBuffer();
      ArrowBuf b = ((BaseFixedWidthVector) stored).getDataBuffer();
      long at = (long) row * width;
      long bt = (long) group * width;
      return switch (width) {
        case 4 -> a.getInt(at) == b.getInt(bt);
        case 8 -> a.getLong(at) == b.getLong(bt);
        default -> a.getLong(at) == b.getLong(bt) && a.getLong(at + 8) == b.getLong(bt + 8);
      };
    }
  }

  /** BOOLEAN keys. */
  static final class Bits extends KeyColumn {
    private BitVector input;

    Bits(BitVector stored) {
      super(stored);
    }

    @Override
    void bind(FieldVector vector) {
      input = (BitVector) vector;
    }

    @Override
    int hash(int row) {
      return input.isNull(row) ? nullHash() : input.get(row) + 1;
    }

    @Override
    boolean matches(int row, int group) {
      BitVector keys = (BitVector) stored;
      boolean rowNull = input.isNull(row);
      boolean groupNull = keys.isNull(group);
      if (rowNull || groupNull) {
        return rowNull && groupNull;
      }
      return input.get(row) == keys.get(group);
    }
  }

  /** VARCHAR keys: equal text is equal UTF-8 bytes. */
  static final class Bytes extends KeyColumn {
    private BaseVariableWidthVector input;

    Bytes(FieldVector stored) {
      super(stored);
    }

    @Override
    void bind(FieldVector vector) {
      input = (BaseVariableWidthVector) vector;
    }

    @Override
    int hash(int row) {
      if (input.isNull(row)) {
        return nullHash();
      }
      long start = input.getStartOffset(row);
      long end = input.getStartOffset(row + 1);
      return ByteFunctionHelpers.hash(input.getDataBuffer(), start, end);
    }

    @Override
    boolean matches(int row, int group) {
      BaseVariableWidthVector keys = (BaseVariableWidthVector) stored;
      boolean rowNull = input.isNull(row);
      boolean groupNull = keys.isNull(group);
      if (rowNull || groupNull) {
        return rowNull && groupNull;
      }
      return ByteFunctionHelpers.equal(
              input.getDataBuffer(),
              input.getStartOffset(row),
              input.getStartOffset(row + 1),
              keys.getDataBuffer(),
              keys.getStartOffset(group),
              keys.getStartOffset(group + 1))
          == 1;
    }
  }
}
