package dev.arrowtap.decode;

import dev.arrowtap.common.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that decode parts of large bodies, shared by every query in this JVM: one per core,
 * so that however many bodies are decoded at once, decoding never takes more threads than there are
 * cores. Idle threads end after a while.
 */
public final class DecodePool {
  private static final int THREADS = Runtime.getRuntime().availableProcessors();
  private static final ThreadPoolExecutor POOL = create();

  private DecodePool() {}

  /** How many threads the pool has at most: the cores of this JVM. */
  public static int threads() {
    return THREADS;
  }

  static Executor executor() {
    return POOL;
  }

  private static ThreadPoolExecutor create() {
    // The queue is unbounded but never long: each body has at most threads + 1 parts queued.
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("arrowtap-decode-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
