package dev.arrowtap.server.embedded;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.exec.ArrowMemoryAccess;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Checks, before an embedded engine starts, that this JVM lets Arrow allocate memory, and names the
 * flag to add when it does not (BI tools make flags hard to find, so the message must).
 */
final class JvmSupport {
  private JvmSupport() {}

  static void requireArrowMemory() {
    ArrowMemoryAccess.ensure();
    try (BufferAllocator allocator = new RootAllocator(1 << 20)) {
      allocator.buffer(64).close();
    } catch (Throwable e) {
      int feature = Runtime.version().feature();
      String flags =
          feature >= 23
              ? "--sun-misc-unsafe-memory-access=allow --add-opens=java.base/java.nio=ALL-UNNAMED"
              : "--add-opens=java.base/java.nio=ALL-UNNAMED";
      throw new ArrowtapException(
          "08001",
          "the embedded arrowtap engine cannot allocate Arrow memory on Java "
              + feature
              + " without the JVM flags "
              + flags
              + " ("
              + rootCause(e)
              + "). Add them to the JVM that loads the driver (DBeaver: dbeaver.ini,"
              + " after -vmargs), or connect to an arrowtap server with jdbc:arrowtap:url=http://host:port",
          e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
