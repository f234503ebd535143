package dev.arrowtap.aggregate;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * MIN or MAX of VARCHAR: each group's best text is kept in an append-only arena (an Arrow buffer),
 * which is compacted when replaced texts take more room than the live ones.
 */
final class MinMaxTextAccumulator implements Accumulator {
  private static final long NO_VALUE = -1;

  private final boolean min;
  private final String name;
  private final FieldType type;
  private final BufferAllocator allocator;
  private ArrowBuf arena;
  private long used;
  private long live;
  private ArrowBuf starts; // long per group: arena offset, or NO_VALUE
  private ArrowBuf lengths; // int per group
  private int ready;
  private BaseVariableWidthVector input;

  MinMaxTextAccumulator(boolean min, String name, FieldType type, BufferAllocator allocator) {
    this.min = min;
    this.name = name;
    this.type = type;
    this.allocator = allocator;
    this.arena = allocator.buffer(4096);
    this.starts = allocator.buffer(1024L * Long.BYTES);
    this.lengths = allocator.buffer(1024L * Integer.BYTES);
  }

  @Override
  public void bind(FieldVector vector) {
    input = (BaseVariableWidthVector) vector;
  }

  @Override
  public void ensure(int groups) {
    if (groups <= ready) {
      return;
    }
    if ((long) groups * Long.BYTES > starts.capacity()) {
      long capacity = Math.max(starts.capacity() * 2, (long) groups * Long.BYTES);
      starts = copy(starts, capacity, ready * (long) Long.BYTES);
      lengths = copy(lengths, capacity / 2, ready * (long) Integer.BYTES);
    }
    for (int g = ready; g < groups; g++) {
      starts.setLong((long) g * Long.BYTES, NO_VALUE);
      lengths.setInt((long) g * Integer.BYTES, 0);
    }
    ready = groups;
  }

  private ArrowBuf copy(ArrowBuf old, long capacity, long bytes) {
    ArrowBuf bigger = allocator.buffer(capacity);
    bigger.setBytes(0, old, 0, bytes);
    old.close();
    return bigger;
  }

  @Override
  public void add(int[] rows, int[] groupOf, int count) {
    ArrowBuf data = input.getDataBuffer();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (input.isNull(row)) {
        continue;
      }
      long from = input.getStartOffset(row);
      long to = input.getStartOffset(row + 1);
      int group = groupOf == null ? 0 : groupOf[i];
      long start = starts.getLong((long) group * Long.BYTES);
      if (start != NO_VALUE) {
        int length = lengths.getInt((long) group * Integer.BYTES);
        int order = Utf16Order.compare(data, from, to, arena, start, start + length);
        if (min ? order >= 0 : order <= 0) {
          continue;
        }
        live -= length;
      }
      store(group, data, from, (int) (to - from));
    }
  }

  private void store(int group, ArrowBuf data, long from, int length) {
    if (used + length > arena.capacity()) {
      makeRoom(length);
    }
    arena.setBytes(used, data, from, length);
    starts.setLong((long) group * Long.BYTES, used);
    lengths.setInt((long) group * Integer.BYTES, length);
    used += length;
    live += length;
  }

  /** Compacts the arena when most of it is replaced text, otherwise doubles it. */
  private void makeRoom(int length) {
    long capacity = Math.max(arena.capacity(), 4096);
    while (capacity < 2 * (live + length)) {
      capacity *= 2;
    }
    ArrowBuf fresh = allocator.buffer(capacity);
    long at = 0;
    for (int g = 0; g < ready; g++) {
      long start = starts.getLong((long) g * Long.BYTES);
      if (start != NO_VALUE) {
        int len = lengths.getInt((long) g * Integer.BYTES);
        fresh.setBytes(at, arena, start, len);
        starts.setLong((long) g * Long.BYTES, at);
        at += len;
      }
    }
    arena.close();
    arena = fresh;
    used = at;
  }

  @Override
  public FieldVector result(int groups) {
    VarCharVector out = new VarCharVector(new Field(name, type, null), allocator);
    try {
      out.allocateNew(Math.max(live, 1), Math.max(groups, 1));
      for (int g = 0; g < groups; g++) {
        long start = starts.getLong((long) g * Long.BYTES);
        if (start == NO_VALUE) {
          out.setNull(g);
        } else {
          int length = lengths.getInt((long) g * Integer.BYTES);
          // Copied buffer to buffer: a java.nio view of the arena would need JVM flags.
          out.setSafe(g, Math.toIntExact(start), length, arena);
        }
      }
      out.setValueCount(groups);
      return out;
    } catch (RuntimeException e) {
      // The caller never sees the vector: its buffers would outlive the task's allocator.
      out.close();
      throw e;
    }
  }

  @Override
  public void close() {
    arena.close();
    starts.close();
    lengths.close();
  }
}
