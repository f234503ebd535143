package dev.arrowtap.aggregate;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Unchecked reads and writes of vector buffers by address, for the per-row loops of the
 * accumulators: Arrow's checked accessors re-read each buffer's reference count on every access,
 * which made a pushed {@code count(*)} slower than Calcite's. Callers index only rows of the
 * current batch and groups the state was grown to hold.
 */
final class Raw {
  private Raw() {}

  static long data(FieldVector vector) {
    return vector.getDataBuffer().memoryAddress();
  }

  static long validity(FieldVector vector) {
    return vector.getValidityBuffer().memoryAddress();
  }

  static boolean isSet(long validity, int index) {
    return (MemoryUtil.getByte(validity + (index >> 3)) & (1 << (index & 7))) != 0;
  }

  static void set(long validity, int index) {
    long at = validity + (index >> 3);
    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (index & 7))));
  }

  static long getLong(long address) {
    return MemoryUtil.getLong(address);
  }

  static void putLong(long address, long value) {
    MemoryUtil.putLong(address, value);
  }

  static int getInt(long address) {
    return MemoryUtil.getInt(address);
  }

  static void putInt(long address, int value) {
    MemoryUtil.putInt(address, value);
  }

  static double getDouble(long address) {
    return Double.longBitsToDouble(MemoryUtil.getLong(address));
  }

  static void putDouble(long address, double value) {
    MemoryUtil.putLong(address, Double.doubleToRawLongBits(value));
  }
}
