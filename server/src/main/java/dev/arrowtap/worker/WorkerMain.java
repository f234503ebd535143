package dev.arrowtap.worker;

import dev.arrowtap.exec.WorkerSecret;
import java.util.concurrent.CountDownLatch;

/** {@code arrowtap worker}: runs a worker until the process is told to stop. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkerOptions options;
    WorkerSecret secret;
    try {
      options = WorkerOptions.parse(args);
      secret =
          WorkerSecret.resolve(options.secretFile())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a worker needs the shared secret: give --secret-file FILE or set "
                              + WorkerSecret.ENVIRONMENT_VARIABLE));
    } catch (IllegalArgumentException e) {
      System.err.println("arrowtap worker: " + e.getMessage());
      System.exit(2);
      return;
    }
    WorkerServer worker = WorkerServer.start(options.bind(), options.port(), secret, options.tls());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  stopped.countDown();
                },
                "arrowtap-worker-shutdown"));
    System.out.println(
        "arrowtap worker listening on "
            + worker.address()
            + (options.tls().isPresent() ? " (TLS)" : ""));
    System.out.flush();
    stopped.await();
  }
}
