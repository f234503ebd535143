package dev.arrowtap.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * DecodeBenchmark's decode loop (decode a file, aggregate every value from the vectors), found by
 * reflection: its {@code arrowtap(allocator, file, threads)} form, where the decoder can split a
 * body between threads, is used when present, else {@code arrowtap(allocator, file)} on one thread.
 * So the suite measures all cores as soon as the multi-threaded decoder lands, with no change here.
 */
final class DecodeLoop {
  private final Method method;
  private final boolean threaded;

  private DecodeLoop(Method method, boolean threaded) {
    this.method = method;
    this.threaded = threaded;
  }

  static DecodeLoop find() throws NoSuchMethodException {
    Class<?> benchmark = DecodeBenchmark.class;
    Method method;
    boolean threaded;
    try {
      method =
          benchmark.getDeclaredMethod("arrowtap", BufferAllocator.class, Path.class, int.class);
      threaded = true;
    } catch (NoSuchMethodException e) {
      method = benchmark.getDeclaredMethod("arrowtap", BufferAllocator.class, Path.class);
      threaded = false;
    }
    // The loop is private to its benchmark, which stays a plain main in the server's tests.
    method.setAccessible(true);
    return new DecodeLoop(method, threaded);
  }

  /** Whether the decoder can put several threads on one body. */
  boolean threaded() {
    return threaded;
  }

  String run(BufferAllocator allocator, Path file, int threads) throws Exception {
    if (threads > 1 && !threaded) {
      throw new IllegalArgumentException("the decoder reads a body on one thread");
    }
    try {
      Object answer =
          threaded
              ? method.invoke(null, allocator, file, threads)
              : method.invoke(null, allocator, file);
      return (String) answer;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
