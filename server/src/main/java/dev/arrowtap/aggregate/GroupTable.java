package dev.arrowtap.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Gives each distinct key of a task's rows a group number, 0, 1, 2... in order of first sight: an
 * open-addressing hash table whose slots, group hashes and stored keys all live in Arrow buffers of
 * the task's aggregation allocator, so they count against the query's memory limit.
 */
final class GroupTable implements AutoCloseable {
  private static final int INITIAL_SLOTS = 1024;

  private final List<Integer> keyColumns;
  private final BufferAllocator allocator;
  private final List<KeyColumn> keys = new ArrayList<>();
  private FieldVector[] inputs;
  private ArrowBuf slots;
  private ArrowBuf hashes;
  private int mask;
  private int groups;

  GroupTable(List<Integer> keyColumns, BufferAllocator allocator) {
    this.keyColumns = List.copyOf(keyColumns);
    this.allocator = allocator;
  }

  int groups() {
    return groups;
  }

  /** Points the keys at a batch; the first batch decides the key vectors' types. */
  void bind(VectorSchemaRoot batch) {
    if (keyColumns.isEmpty()) {
      return;
    }
    if (inputs == null) {
      inputs = new FieldVector[keyColumns.size()];
      for (int i = 0; i < keyColumns.size(); i++) {
        keys.add(KeyColumn.of(batch.getVector(keyColumns.get(i)).getField(), "g" + i, allocator));
      }
      slots = allocator.buffer((long) INITIAL_SLOTS * Integer.BYTES);
      slots.setZero(0, slots.capacity());
      mask = INITIAL_SLOTS - 1;
      hashes = allocator.buffer((long) INITIAL_SLOTS * Integer.BYTES);
    }
    for (int i = 0; i < keyColumns.size(); i++) {
      inputs[i] = batch.getVector(keyColumns.get(i));
      keys.get(i).bind(inputs[i]);
    }
  }

  /** Writes the group of each selected row (rows[0..count)) into {@code groupOf}. */
  void assign(int[] rows, int count, int[] groupOf) {
    if (keyColumns.isEmpty()) {
      if (count > 0) {
        groups = 1;
      }
      java.util.Arrays.fill(groupOf, 0, count, 0);
      return;
    }
    for (int i = 0; i < count; i++) {
      groupOf[i] = find(rows[i]);
    }
  }

  private int find(int row) {
    int hash = hash(row);
    int slot = hash & mask;
    while (true) {
      int entry = slots.getInt((long) slot * Integer.BYTES);
      if (entry == 0) {
        return add(row, hash, slot);
      }
      int group = entry - 1;
      if (hashes.getInt((long) group * Integer.BYTES) == hash && matches(row, group)) {
        return group;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int hash(int row) {
    int h = 1;
    for (KeyColumn key : keys) {
      h = h * 31 + key.hash(row);
    }
    // Spread the bits, since linear probing takes the low ones.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  private boolean matches(int row, int group) {
    for (KeyColumn key : keys) {
      if (!key.matches(row, group)) {
        return false;
      }
    }
    return true;
  }

  private int add(int row, int hash, int slot) {
    int group = groups;
    for (int i = 0; i < keys.size(); i++) {
      keys.get(i).append(row, group, inputs[i]);
    }
    if ((long) (group + 1) * Integer.BYTES > hashes.capacity()) {
      hashes = grow(hashes, hashes.capacity() * 2);
    }
    hashes.setInt((long) group * Integer.BYTES, hash);
    slots.setInt((long) slot * Integer.BYTES, group + 1);
    groups++;
    if (groups * 2L > mask + 1L) {
      rehash();
    }
    return group;
  }

  private ArrowBuf grow(ArrowBuf old, long capacity) {
    ArrowBuf bigger = allocator.buffer(capacity);
    bigger.setBytes(0, old, 0, old.capacity());
    old.close();
    return bigger;
  }

  private void rehash() {
    int size = (mask + 1) * 2;
    ArrowBuf bigger = allocator.buffer((long) size * Integer.BYTES);
    bigger.setZero(0, bigger.capacity());
    int newMask = size - 1;
    for (int group = 0; group < groups; group++) {
      int slot = hashes.getInt((long) group * Integer.BYTES) & newMask;
      while (bigger.getInt((long) slot * Integer.BYTES) != 0) {
        slot = (slot + 1) & newMask;
      }
      bigger.setInt((long) slot * Integer.BYTES, group + 1);
    }
    slots.close();
    slots = bigger;
    mask = newMask;
  }

  /** The key vectors, filled for every group; the caller takes them over. */
  List<FieldVector> keyVectors() {
    List<FieldVector> out = new ArrayList<>();
    for (KeyColumn key : keys) {
      FieldVector vector = key.stored();
      vector.setValueCount(groups);
      out.add(vector);
    }
    return out;
  }

  /** Frees the hash table, keeping the key vectors (closed by {@link #close}). */
  void releaseTable() {
    if (slots != null) {
      slots.close();
      hashes.close();
      slots = null;
      hashes = null;
    }
  }

  @Override
  public void close() {
    releaseTable();
    keys.forEach(KeyColumn::close);
  }
}
