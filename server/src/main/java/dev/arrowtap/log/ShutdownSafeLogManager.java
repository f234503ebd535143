package dev.arrowtap.log;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that its own shutdown hook does not remove the handlers: lines
 * written while a server stops (the queries it ends, the stop itself) must still reach the log.
 * Selected with {@code -Djava.util.logging.manager} before anything logs (see {@link
 * ProcessLog#useShutdownSafeManager()}).
 */
public final class ShutdownSafeLogManager extends LogManager {
  @Override
  public void reset() {
    if (Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName())) {
      return; // LogManager$Cleaner, the JDK's shutdown hook.
    }
    super.reset();
  }
}
