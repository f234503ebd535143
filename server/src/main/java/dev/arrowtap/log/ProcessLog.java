package dev.arrowtap.log;

import dev.arrowtap.common.Secrets;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up a server's or worker's log: arrowtap's loggers ({@code dev.arrowtap.*}) write one line
 * per record to stderr or a file at the chosen level, and a thread that dies of an uncaught
 * exception (an {@code OutOfMemoryError} included) leaves a line.
 */
public final class ProcessLog {
  /** The parent of every arrowtap logger. */
  public static final String ROOT = "dev.arrowtap";

  // JUL holds loggers weakly: a configured logger must stay referenced, though never read.
  @SuppressWarnings("UnusedVariable")
  private static Logger configured;

  private ProcessLog() {}

  /**
   * Asks for {@link ShutdownSafeLogManager}; effective only when called before java.util.logging is
   * first used, so the first line of a main method.
   */
  public static void useShutdownSafeManager() {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }
  }

  /**
   * Installs the handler; lines have the given secrets masked.
   *
   * @throws IOException when the log file cannot be opened for appending
   */
  public static synchronized void install(LogSettings settings, Secrets secrets)
      throws IOException {
    Logger root = Logger.getLogger(ROOT);
    for (Handler old : root.getHandlers()) {
      root.removeHandler(old);
      old.close();
    }
    OutputStream out =
        settings.file().isPresent()
            ? new FileOutputStream(settings.file().get().toFile(), true)
            : new FilterOutputStream(System.err) {
              @Override
              public void close() throws IOException {
                flush(); // stderr stays open for others
              }
            };
    Handler handler = new FlushingHandler(out, new LineFormatter(secrets));
    handler.setLevel(settings.level());
    root.addHandler(handler);
    root.setLevel(settings.level());
    // Library loggers (gRPC, Jetty through JUL) stay with the JVM's defaults; ours go here only.
    root.setUseParentHandlers(false);
    configured = root;
    Thread.setDefaultUncaughtExceptionHandler(ProcessLog::uncaught);
  }

  private static void uncaught(Thread thread, Throwable error) {
    try {
      Logger.getLogger(ROOT + ".process")
          .log(
              Level.SEVERE,
              LogLine.event("uncaught")
                  .with("thread", thread.getName())
                  .with("error", error.toString())
                  .toString(),
              error);
    } catch (Throwable ignored) {
      // Out of memory even for the line: the JVM's own report is all there is.
      System.err.println("arrowtap: uncaught " + error.getClass().getName());
    }
  }

  /** Writes and flushes each record at once: a log read while a process runs is complete. */
  private static final class FlushingHandler extends StreamHandler {
    FlushingHandler(OutputStream out, LineFormatter formatter) {
      super(out, formatter);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      super.publish(record);
      flush();
    }
  }
}
