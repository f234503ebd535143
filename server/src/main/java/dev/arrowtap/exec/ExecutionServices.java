package dev.arrowtap.exec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The engine-wide resources that run tasks: the root Arrow allocator, the task threads and the
 * number of local task slots. One instance per engine; closed with it.
 */
public final class ExecutionServices implements AutoCloseable {
  private final BufferAllocator rootAllocator;
  private final ExecutorService taskThreads;
  private final int localSlots;

  public ExecutionServices(int localSlots, long memoryLimitBytes) {
    if (localSlots < 1) {
      throw new IllegalArgumentException("localSlots must be positive: " + localSlots);
    }
    this.localSlots = localSlots;
    this.rootAllocator = new RootAllocator(memoryLimitBytes);
    this.taskThreads = Executors.newCachedThreadPool(daemonThreads("arrowtap-task-"));
  }

  public BufferAllocator rootAllocator() {
    return rootAllocator;
  }

  public ExecutorService taskThreads() {
    return taskThreads;
  }

  /** Tasks that may run at once in this JVM: one per core unless configured. */
  public int localSlots() {
    return localSlots;
  }

  @Override
  public void close() {
    taskThreads.shutdownNow();
    rootAllocator.close();
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
