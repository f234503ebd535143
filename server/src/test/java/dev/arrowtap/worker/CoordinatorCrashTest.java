package dev.arrowtap.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.server.http.ServerMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 4: a coordinator that goes away (killed) stops its tasks on the workers. */
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
        int port = awaitPort(server);
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
                  } catch (Exception expected) {
                    // The server is killed under this query.
                  }
                });
        Cluster.eventually(() -> worker.runningTasks() > 0, "the task runs on the worker");
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

  private static int awaitPort(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server never said it was listening");
  }
}
