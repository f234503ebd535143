package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.demo.DemoMain;
import dev.arrowtap.worker.WorkerMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command whose port is taken says so and what to pass, without a stack trace. */
class PortInUseTest {
  @TempDir Path dir;

  /** Runs a main class as its own process, as a user starts it, and returns what it printed. */
  private static String run(Class<?> main, List<String> args, int expectedExit)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not end");
      assertEquals(expectedExit, process.exitValue(), output);
      return output;
    } finally {
      process.destroyForcibly();
    }
  }

  private static void saysWhatToDo(String output, int port, String flag) {
    assertTrue(output.contains("port " + port + " is in use"), output);
    assertTrue(output.contains("pass " + flag + " N"), output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(output.contains("\tat "), output);
  }

  @Test
  void theServerTheWorkerAndTheDemoApiNameTheTakenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      saysWhatToDo(
          run(ServerMain.class, List.of("--port", Integer.toString(port)), 2), port, "--port");
      Path secret = dir.resolve("secret");
      Files.writeString(secret, "a-worker-secret-of-enough-length-0123456789");
      saysWhatToDo(
          run(
              WorkerMain.class,
              List.of("--port", Integer.toString(port), "--secret-file", secret.toString()),
              2),
          port,
          "--port");
      saysWhatToDo(
          run(DemoMain.class, List.of("--port", Integer.toString(port)), 2), port, "--port");
    }
  }
}
