package dev.arrowtap.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code arrowtap server} as a child process of the test, as a user starts it. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("arrowtap server listening on http://([^:]+):(\\d+)");

  final Process process;
  final int port;
  private final List<String> output = new ArrayList<>();

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server with these arguments (and {@code --port 0}) and waits for its ready line. */
  static ServerProcess start(Map<String, String> environment, String... args) throws IOException {
    return start(List.of(), environment, args);
  }

  /** As above, with these JVM options too (a heap size, say). */
  static ServerProcess start(
      List<String> jvmOptions, Map<String, String> environment, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ServerMain.class.getName(),
            "--port",
            "0"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.add(line);
      Matcher ready = READY.matcher(line);
      if (ready.find()) {
        ServerProcess server = new ServerProcess(process, Integer.parseInt(ready.group(2)));
        server.output.addAll(seen);
        Thread drain =
            new Thread(
                () -> {
                  try {
                    for (String more = out.readLine(); more != null; more = out.readLine()) {
                      synchronized (server.output) {
                        server.output.add(more);
                      }
                    }
                  } catch (IOException e) {
                    // The process ended.
                  }
                },
                "server-output");
        drain.setDaemon(true);
        drain.start();
        return server;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("server never said it was listening: " + seen);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String jdbcUrl() {
    return "jdbc:avatica:remote:url=" + url() + ";serialization=JSON";
  }

  /** What the process printed so far (stdout and stderr). */
  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Sends SIGTERM and waits for the process to end. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("server did not stop within " + seconds + " s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
