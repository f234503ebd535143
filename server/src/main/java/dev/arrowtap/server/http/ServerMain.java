package dev.arrowtap.server.http;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code arrowtap server}: runs the HTTP endpoint until the process is told to stop. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    ServerOptions options;
    EngineConfig config;
    try {
      options = ServerOptions.parse(args);
      config = engineConfig(options);
    } catch (IllegalArgumentException e) {
      System.err.println("arrowtap server: " + e.getMessage());
      System.exit(2);
      return;
    }
    ArrowtapServer server =
        ArrowtapServer.start(new ArrowtapEngine(config), options.bind(), options.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "arrowtap-shutdown"));
    System.out.println("arrowtap server listening on " + server.url() + workersNote(options));
    System.out.flush();
    stopped.await();
  }

  private static String workersNote(ServerOptions options) {
    return options.workers().isEmpty() ? "" : " (tasks run on workers " + options.workers() + ")";
  }

  /** The engine the options describe; the worker secret comes from its file or the environment. */
  static EngineConfig engineConfig(ServerOptions options) {
    EngineConfig config = EngineConfig.defaults();
    if (options.catalog().isPresent()) {
      config = config.withCatalog(options.catalog().get());
    }
    ExecutionConfig execution =
        ExecutionConfig.local()
            .withTaskAttempts(options.taskAttempts())
            .withWorkers(
                options.workers(),
                options.workers().isEmpty()
                    ? Optional.empty()
                    : WorkerSecret.resolve(options.secretFile()));
    return config.withExecution(execution);
  }
}
