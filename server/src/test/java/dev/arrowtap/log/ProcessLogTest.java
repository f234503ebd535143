package dev.arrowtap.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.common.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log level filters lines; values are quoted on one line; secrets never pass. */
class ProcessLogTest {
  @TempDir Path dir;

  @Test
  void levelFileQuotingAndMasking() throws Exception {
    Path file = dir.resolve("x.log");
    Logger root = Logger.getLogger(ProcessLog.ROOT);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    try {
      ProcessLog.install(
          new LogSettings(Level.WARNING, Optional.of(file)), new Secrets(Set.of("t0p-s3cret")));
      Logger query = Logger.getLogger(ProcessLog.ROOT + ".query");
      query.info(LogLine.event("query").with("state", "FINISHED").toString());
      query.warning(
          LogLine.event("query")
              .with("state", "FAILED")
              .with("error", "42704: \"t0p-s3cret\" not found\nsecond line")
              .toString());
      // A thread that dies of an error nobody catches leaves a line (today's silent OOM).
      Thread dying =
          new Thread(
              () -> {
                throw new OutOfMemoryError("Java heap space");
              },
              "dying-thread");
      dying.start();
      dying.join();
    } finally {
      for (Handler handler : root.getHandlers()) {
        root.removeHandler(handler);
        handler.close();
      }
      root.setUseParentHandlers(true);
      root.setLevel(null);
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines.get(1).startsWith("ts=")
            && lines
                .get(1)
                .contains(
                    " level=error logger=dev.arrowtap.process event=uncaught thread=dying-thread"
                        + " error=\"java.lang.OutOfMemoryError: Java heap space\" exception="),
        lines.get(1));
    assertTrue(
        lines
            .get(0)
            .matches(
                "ts=\\S+Z level=warn logger=dev.arrowtap.query event=query state=FAILED"
                    + " error=\"42704: \\\\\"\\*\\*\\*\\\\\" not found\\\\nsecond line\""),
        lines.get(0));
  }
}
