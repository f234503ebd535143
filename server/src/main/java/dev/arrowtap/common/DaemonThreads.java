package dev.arrowtap.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for arrowtap's background pools: daemon threads, so that an application that
 * forgets to close a connection or an engine can still exit, named so that a thread dump shows
 * whose they are.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Daemon threads that all carry {@code name}. */
  public static ThreadFactory named(String name) {
    return runnable -> daemon(runnable, name);
  }

  /** Daemon threads named {@code prefix} followed by 1, 2, 3... */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> daemon(runnable, prefix + counter.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
