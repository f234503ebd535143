package dev.arrowtap.worker;

import dev.arrowtap.common.PortInUse;
import dev.arrowtap.common.Secrets;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/** {@code arrowtap worker}: runs a worker until the process is told to stop. */
public final class WorkerMain {
  private WorkerMain() {}

  /** Not a static field: the log manager must be chosen before any logger exists. */
  private static Logger log() {
    return Logger.getLogger(ProcessLog.ROOT + ".worker");
  }

  public static void main(String[] args) throws Exception {
    ProcessLog.useShutdownSafeManager();
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
    try {
      // A worker knows no catalog: task lines mask the secrets each task carries.
      ProcessLog.install(options.log(), Secrets.NONE);
    } catch (IOException e) {
      System.err.println("arrowtap worker: cannot write --log-file: " + e.getMessage());
      System.exit(2);
      return;
    }
    WorkerServer worker;
    try {
      worker = WorkerServer.start(options.bind(), options.port(), secret, options.tls());
    } catch (IOException | RuntimeException e) {
      if (!PortInUse.is(e)) {
        throw e;
      }
      System.err.println(
          "arrowtap worker: " + PortInUse.message(options.bind(), options.port(), "--port"));
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log().info(LogLine.event("stopping").toString());
                  worker.close();
                  stopped.countDown();
                },
                "arrowtap-worker-shutdown"));
    log().info(LogLine.event("started").with("address", worker.address()).toString());
    System.out.println(
        "arrowtap worker listening on "
            + worker.address()
            + (options.tls().isPresent() ? " (TLS)" : ""));
    System.out.flush();
    stopped.await();
  }
}
