package dev.arrowtap.demo;

import dev.arrowtap.common.PortInUse;
import java.util.concurrent.CountDownLatch;

/** {@code arrowtap demo-api [--port N]}: runs the demo API until the process is told to stop. */
public final class DemoMain {
  /** The line {@code bin/arrowtap demo} waits for, followed by the base URL. */
  public static final String READY = "arrowtap demo API listening on ";

  private DemoMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = parsePort(args);
    } catch (IllegalArgumentException e) {
      System.err.println("arrowtap demo-api: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoApi api;
    try {
      api = DemoApi.start("127.0.0.1", port);
    } catch (RuntimeException e) {
      if (!PortInUse.is(e)) {
        throw e;
      }
      System.err.println("arrowtap demo-api: " + PortInUse.message("127.0.0.1", port, "--port"));
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  stopped.countDown();
                },
                "arrowtap-demo-shutdown"));
    System.out.println(READY + api.baseUrl());
    System.out.flush();
    stopped.await();
  }

  /** {@code [--port N]}, 0 (any free port) when absent. */
  static int parsePort(String... args) {
    if (args.length == 0) {
      return 0;
    }
    if (args.length != 2 || !args[0].equals("--port")) {
      throw new IllegalArgumentException("usage: arrowtap demo-api [--port N]");
    }
    try {
      int port = Integer.parseInt(args[1]);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Falls through to the range message.
    }
    throw new IllegalArgumentException("--port must be a number from 0 to 65535: " + args[1]);
  }
}
