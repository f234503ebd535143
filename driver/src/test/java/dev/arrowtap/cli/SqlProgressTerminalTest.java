package dev.arrowtap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code arrowtap sql} in a pseudo-terminal ({@code script} from util-linux): a long statement
 * shows its progress in place, and Ctrl-C cancels it with a line, not a stack trace.
 */
class SqlProgressTerminalTest {
  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Everything the terminal showed so far. */
  private static final class Screen extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    Screen(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buffer = new byte[4096];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          synchronized (seen) {
            seen.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // The terminal closed.
      }
    }

    String text() {
      synchronized (seen) {
        return seen.toString(StandardCharsets.UTF_8);
      }
    }

    void awaitText(String wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!text().contains(wanted)) {
        assertTrue(System.nanoTime() < deadline, "never showed '" + wanted + "':\n" + text());
        Thread.sleep(20);
      }
    }
  }

  @Test
  void aLongStatementShowsProgressAndCtrlCCancelsIt() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            ArrowtapCli.class.getName(),
            "sql",
            "SELECT count(*) FROM numbers(0, 100000000000)");
    String line =
        command.stream().map(SqlProgressTerminalTest::quoted).collect(Collectors.joining(" "));
    Process process =
        new ProcessBuilder("script", "-qfec", line, "/dev/null").redirectErrorStream(true).start();
    Screen screen = new Screen(process.getInputStream());
    screen.start();
    try {
      screen.awaitText(" rows, ");
      String shown = screen.text();
      assertTrue(shown.contains("\r\033[K"), "redrawn in place: " + shown);
      assertTrue(shown.contains(" requests, "), shown);
      assertTrue(shown.contains("tasks "), shown);
      OutputStream keyboard = process.getOutputStream();
      keyboard.write(3); // Ctrl-C
      keyboard.flush();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running:\n" + screen.text());
      screen.join(TimeUnit.SECONDS.toMillis(10));
      String all = screen.text();
      assertTrue(all.contains("arrowtap sql: cancelled"), all);
      assertFalse(all.contains("Exception"), all);
      assertFalse(all.contains("\tat "), all);
      assertEquals(130, process.exitValue(), all);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void theLineReadsWell() {
    assertEquals(
        "12,345 rows, 7 requests, 1.5 MB, tasks 2/4, 3.4 s (Ctrl-C cancels)",
        ProgressLine.format(3_400, 12_345, 7, 1_572_864, 2, 4));
  }
}
