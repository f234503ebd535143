package dev.arrowtap.server.http;

import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.log.LogLine;
import dev.arrowtap.log.ProcessLog;
import dev.arrowtap.log.QueryLog;
import dev.arrowtap.server.flightsql.FlightSqlEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/** {@code arrowtap server}: runs the HTTP endpoint until the process is told to stop. */
public final class ServerMain {
  private ServerMain() {}

  /** Not a static field: the log manager must be chosen before any logger exists. */
  private static Logger log() {
    return Logger.getLogger(ProcessLog.ROOT + ".server");
  }

  public static void main(String[] args) throws Exception {
    ProcessLog.useShutdownSafeManager();
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
    if (options.users().isPresent() && !Files.isReadable(options.users().get())) {
      System.err.println("arrowtap server: cannot read --users file " + options.users().get());
      System.exit(2);
      return;
    }
    ArrowtapEngine engine;
    try {
      engine = new ArrowtapEngine(config);
    } catch (ArrowtapException e) {
      System.err.println("arrowtap server: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      ProcessLog.install(options.log(), engine.catalog().secrets());
    } catch (IOException e) {
      System.err.println("arrowtap server: cannot write --log-file: " + e.getMessage());
      System.exit(2);
      return;
    }
    QueryLog.attach(engine.services().metrics());
    Optional<TlsSettings> tls;
    try {
      tls = tls(options);
    } catch (IOException e) {
      System.err.println("arrowtap server: cannot read --tls-password-file: " + e.getMessage());
      System.exit(2);
      return;
    }
    ArrowtapServer server =
        ArrowtapServer.start(
            engine, options.bind(), options.port(), Serialization.JSON, options.users(), tls);
    Optional<FlightSqlEndpoint> flightSql;
    try {
      flightSql = flightSql(engine, options, tls);
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "arrowtap server: cannot start the Flight SQL endpoint: " + e.getMessage());
      server.close();
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log().info(LogLine.event("stopping").toString());
                  try {
                    // Before the server, which closes the engine the endpoint runs on.
                    flightSql.ifPresent(FlightSqlEndpoint::close);
                    server.close();
                    log().info(LogLine.event("stopped").toString());
                  } catch (RuntimeException e) {
                    log()
                        .log(
                            Level.SEVERE,
                            LogLine.event("stop_failed").with("error", e.toString()).toString(),
                            e);
                  }
                  stopped.countDown();
                },
                "arrowtap-shutdown"));
    log()
        .info(
            LogLine.event("started")
                .with("url", server.url())
                .with("workers", options.workers().size())
                .with("login", options.users().isPresent())
                .toString());
    System.out.println("arrowtap server listening on " + server.url() + workersNote(options));
    flightSql.ifPresent(
        endpoint -> System.out.println("arrowtap flight sql listening on " + endpoint.uri()));
    System.out.flush();
    stopped.await();
  }

  /** The Flight SQL endpoint, when asked for: same bind address, users file and TLS identity. */
  private static Optional<FlightSqlEndpoint> flightSql(
      ArrowtapEngine engine, ServerOptions options, Optional<TlsSettings> tls) throws IOException {
    if (options.flightSqlPort().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        FlightSqlEndpoint.start(
            engine,
            options.bind(),
            options.flightSqlPort().get(),
            options.users(),
            tls.map(t -> new FlightSqlEndpoint.KeystoreIdentity(t.keystore(), t.password()))));
  }

  private static Optional<TlsSettings> tls(ServerOptions options) throws IOException {
    if (options.tlsKeystore().isEmpty()) {
      return Optional.empty();
    }
    String password = Files.readString(options.tlsPasswordFile().get()).strip();
    return Optional.of(new TlsSettings(options.tlsKeystore().get(), password));
  }

  private static String workersNote(ServerOptions options) {
    String login = options.users().isPresent() ? " (login required)" : "";
    return login
        + (options.workers().isEmpty() ? "" : " (tasks run on workers " + options.workers() + ")");
  }

  /** The engine the options describe; the worker secret comes from its file or the environment. */
  static EngineConfig engineConfig(ServerOptions options) {
    // A server is reached by others: read_json calls no host until the catalog allows some.
    EngineConfig config = EngineConfig.defaults().withReadJsonDefault(HostAllowlist.NONE);
    if (options.catalog().isPresent()) {
      config = config.withCatalog(options.catalog().get());
    }
    ExecutionConfig execution =
        ExecutionConfig.local()
            .withTaskAttempts(options.taskAttempts())
            .withDefaultMaxRequests(options.maxRequests())
            .withWorkers(
                options.workers(),
                options.workers().isEmpty()
                    ? Optional.empty()
                    : WorkerSecret.resolve(options.secretFile()));
    if (options.workerTlsCa().isPresent()) {
      execution = execution.withWorkerTls(options.workerTlsCa().get());
    }
    if (options.queryMemoryLimit() > 0) {
      config =
          config.withMemoryLimits(
              new dev.arrowtap.exec.MemoryLimits(
                  options.queryMemoryLimit(), config.memory().heapGuardBytes()));
    }
    return config.withExecution(execution);
  }
}
