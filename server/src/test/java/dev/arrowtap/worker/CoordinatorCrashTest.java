package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.server.http.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A coordinator that goes away (killed) stops its tasks on the workers. */
class CoordinatorCrashTest {
  private static final Pattern READY = Pattern.compile("listening on http://[^:]+:(\\d+)");

  @Test
  void killingTheServerStopsItsTasksOnTheWorker() throws Exception {
    String secret = "crash-test-secret-123";
    try (WorkerServer worker = WorkerServer.start("127.0.0.1", 0, WorkerSecret.of(secret))) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "--add-opens=java.base/java.nio=ALL-UNNAMED",
                      "-cp",
                      System.getProperty("java.class.path"),
                      ServerMain.class.getName(),
                      "--port",
                      "0",
                      "--workers",
                      worker.address().toString()))
              .redirectErrorStream(true);
      builder.environment().put(WorkerSecret.ENVIRONMENT_VARIABLE, secret);
      Process server = builder.start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        int port = awaitPort(out);
        // The server logs its tasks; read its output to the end so that a full pipe never
        // blocks it, keeping the last lines for a failure message.
        Deque<String> lastLines = new ConcurrentLinkedDeque<>();
        Thread drain = new Thread(() -> drain(out, lastLines), "server-output");
        drain.setDaemon(true);
        drain.start();
        CompletableFuture<Void> query =
            CompletableFuture.runAsync(
                () -> {
                  try (Connection connection =
                          DriverManager.getConnection(
                              "jdbc:avatica:remote:url=http://127.0.0.1:"
                                  + port
                                  + ";serialization=JSON");
                      Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT count(*) FROM numbers(0, 100000000000)");
                  } catch (SQLException e) {
                    // The server is killed under this query; before that, it must not fail.
                    if (server.isAlive()) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        // A JVM started on a loaded machine may take long to plan its first query.
        Cluster.eventually(
            () -> worker.runningTasks() > 0 || query.isDone(),
            "the task runs on the worker",
            Duration.ofMinutes(2));
        if (query.isDone()) {
          query.join();
          throw new AssertionError(
              "the query ended before its task reached the worker; server said: " + lastLines);
        }
        server.destroyForcibly().waitFor();
        Cluster.eventually(() -> worker.runningTasks() == 0, "the worker stops the orphaned task");
        query.join();
      } finally {
        server.destroyForcibly();
      }
      assertEquals(0, worker.runningTasks());
      assertEquals(0, worker.allocator().getAllocatedMemory(), "the task's memory is freed");
    }
  }

  private static void drain(BufferedReader out, Deque<String> lastLines) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lastLines.addLast(line);
        if (lastLines.size() > 20) {
          lastLines.pollFirst();
        }
      }
    } catch (IOException closed) {
      // The process is gone.
    }
  }

  private static int awaitPort(BufferedReader out) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server never said it was listening");
  }
}
