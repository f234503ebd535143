package dev.arrowtap.server.http;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import java.util.concurrent.CountDownLatch;

/** {@code arrowtap server}: runs the HTTP endpoint until the process is told to stop. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("arrowtap server: " + e.getMessage());
      System.exit(2);
      return;
    }
    EngineConfig config = EngineConfig.defaults();
    if (options.catalog().isPresent()) {
      config = config.withCatalog(options.catalog().get());
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
    System.out.println("arrowtap server listening on " + server.url());
    System.out.flush();
    stopped.await();
  }
}
