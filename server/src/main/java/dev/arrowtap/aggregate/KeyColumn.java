package dev.arrowtap.aggregate;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
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
    private long inputData;
    private long inputValidity;

    Fixed(BaseFixedWidthVector stored) {
      super(stored);
      this.width = stored.getTypeWidth();
    }

    @Override
    void bind(FieldVector vector) {
      inputData = Raw.data(vector);
      inputValidity = Raw.validity(vector);
    }

    @Override
    int hash(int row) {
      if (!Raw.isSet(inputValidity, row)) {
        return nullHash();
      }
      long at = inputData + (long) row * width;
      return switch (width) {
        case 4 -> mix(Raw.getInt(at));
        case 8 -> mix(Raw.getLong(at));
        default -> mix(Raw.getLong(at)) * 31 + mix(Raw.getLong(at + 8));
      };
    }

    @Override
    boolean matches(int row, int group) {
      boolean rowNull = !Raw.isSet(inputValidity, row);
      boolean groupNull = !Raw.isSet(Raw.validity(stored), group);
      if (rowNull || groupNull) {
        return rowNull && groupNull;
      }
      long at = inputData + (long) row * width;
      long bt = Raw.data(stored) + (long) group * width;
      return switch (width) {
        case 4 -> Raw.getInt(at) == Raw.getInt(bt);
        case 8 -> Raw.getLong(at) == Raw.getLong(bt);
        default -> Raw.getLong(at) == Raw.getLong(bt) && Raw.getLong(at + 8) == Raw.getLong(bt + 8);
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
      if (!Raw.isSet(Raw.validity(input), row)) {
        return nullHash();
      }
      long offsets = input.getOffsetBuffer().memoryAddress();
      int start = Raw.getInt(offsets + (long) row * 4);
      int end = Raw.getInt(offsets + (long) row * 4 + 4);
      long at = Raw.data(input) + start;
      long h = (long) end - start;
      int i = 0;
      for (; i + 8 <= end - start; i += 8) {
        h = h * 0x9E3779B97F4A7C15L + Raw.getLong(at + i);
      }
      for (; i < end - start; i++) {
        h = h * 31 + MemoryUtil.getByte(at + i);
      }
      return mix(h);
    }

    @Override
    boolean matches(int row, int group) {
      BaseVariableWidthVector keys = (BaseVariableWidthVector) stored;
      boolean rowNull = !Raw.isSet(Raw.validity(input), row);
      boolean groupNull = !Raw.isSet(Raw.validity(keys), group);
      if (rowNull || groupNull) {
        return rowNull && groupNull;
      }
      long offsets = input.getOffsetBuffer().memoryAddress();
      int start = Raw.getInt(offsets + (long) row * 4);
      int length = Raw.getInt(offsets + (long) row * 4 + 4) - start;
      long keyOffsets = keys.getOffsetBuffer().memoryAddress();
      int keyStart = Raw.getInt(keyOffsets + (long) group * 4);
      if (Raw.getInt(keyOffsets + (long) group * 4 + 4) - keyStart != length) {
        return false;
      }
      long a = Raw.data(input) + start;
      long b = Raw.data(keys) + keyStart;
      int i = 0;
      for (; i + 8 <= length; i += 8) {
        if (Raw.getLong(a + i) != Raw.getLong(b + i)) {
          return false;
        }
      }
      for (; i < length; i++) {
        if (MemoryUtil.getByte(a + i) != MemoryUtil.getByte(b + i)) {
          return false;
        }
      }
      return true;
    }
  }
}
