package dev.arrowtap.spark;

import dev.arrowtap.exec.ArrowMemoryAccess;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Arrow allocator of this executor JVM. Each partition reader takes a child of it and closes
 * that child when Spark closes the reader, so a finished task leaves nothing allocated here.
 */
final class ExecutorMemory {
  private static final BufferAllocator ROOT = root();

  private ExecutorMemory() {}

  private static BufferAllocator root() {
    // Before Arrow's first allocation: an executor started without --add-opens works too.
    ArrowMemoryAccess.ensure();
    return new RootAllocator(Long.MAX_VALUE);
  }

  static BufferAllocator taskAllocator(String name) {
    return ROOT.newChildAllocator(name, 0, Long.MAX_VALUE);
  }

  /** Bytes held by readers that are still open: 0 when no arrowtap task runs in this JVM. */
  static long allocated() {
    return ROOT.getAllocatedMemory();
  }
}
