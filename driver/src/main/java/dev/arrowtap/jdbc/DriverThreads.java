package dev.arrowtap.jdbc;

import java.util.concurrent.ThreadFactory;

/**
 * The driver's thread factory: daemon threads, so that an application that forgets to close a
 * connection can still exit, named so that a thread dump shows whose they are. The driver's own
 * copy of the server's {@code DaemonThreads}: the driver links no engine class (DriverLayersTest).
 */
final class DriverThreads {
  private DriverThreads() {}

  /** Daemon threads that all carry {@code name}. */
  static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
