package dev.arrowtap.server.http;

import dev.arrowtap.common.CommandLineFlags;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.log.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line options of {@code arrowtap server}: where to listen, what to serve and where
 * tasks run.
 *
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param catalog the catalog file, if any
 * @param workers the workers that run tasks; none runs them in the server
 * @param secretFile the file holding the secret shared with workers; else the environment
 * @param taskAttempts how often a task is tried on workers before the query fails
 * @param users a Jetty realm file of users allowed in (HTTP Basic), or empty for no login
 * @param tlsKeystore a keystore with the server's key and certificate: serve HTTPS only
 * @param tlsPasswordFile the file holding the keystore's password
 * @param workerTlsCa a PEM CA certificate: workers speak TLS with certificates it signed
 * @param log where the log goes and how much of it
 * @param queryMemoryLimit the Arrow memory one query may hold, in bytes (0: half the server's)
 * @param maxRequests the HTTP requests one query may send when its session sets no {@code
 *     max_requests}; -1 for no budget
 * @param flightSqlPort the Arrow Flight SQL endpoint's port (0 for any free one), or empty for none
 */
public record ServerOptions(
    String bind,
    int port,
    Optional<Path> catalog,
    List<WorkerAddress> workers,
    Optional<Path> secretFile,
    int taskAttempts,
    Optional<Path> users,
    Optional<Path> tlsKeystore,
    Optional<Path> tlsPasswordFile,
    Optional<Path> workerTlsCa,
    LogSettings log,
    long queryMemoryLimit,
    long maxRequests,
    Optional<Integer> flightSqlPort) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;

  /** The server's request budget per query, unless a session sets its own {@code max_requests}. */
  public static final int DEFAULT_MAX_REQUESTS = 10_000;

  public ServerOptions {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(catalog, "catalog is null");
    Objects.requireNonNull(secretFile, "secretFile is null");
    Objects.requireNonNull(users, "users is null");
    Objects.requireNonNull(log, "log is null");
    if (tlsKeystore.isPresent() != tlsPasswordFile.isPresent()) {
      throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
    }
    workers = List.copyOf(workers);
    Objects.requireNonNull(flightSqlPort, "flightSqlPort is null");
    if (flightSqlPort.isPresent() && (flightSqlPort.get() < 0 || flightSqlPort.get() > 65535)) {
      throw new IllegalArgumentException(
          "--flight-sql-port must be between 0 and 65535: " + flightSqlPort.get());
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
    }
    if (taskAttempts < 1) {
      throw new IllegalArgumentException("--task-attempts must be at least 1: " + taskAttempts);
    }
    if (maxRequests < -1) {
      throw new IllegalArgumentException(
          "--max-requests must be a number of requests, or -1 for no budget: " + maxRequests);
    }
  }

  /** Options without workers. */
  public ServerOptions(String bind, int port, Optional<Path> catalog) {
    this(
        bind,
        port,
        catalog,
        List.of(),
        Optional.empty(),
        ExecutionConfig.DEFAULT_TASK_ATTEMPTS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        LogSettings.DEFAULTS,
        0,
        DEFAULT_MAX_REQUESTS,
        Optional.empty());
  }

  /** Options without a Flight SQL endpoint. */
  public ServerOptions(
      String bind,
      int port,
      Optional<Path> catalog,
      List<WorkerAddress> workers,
      Optional<Path> secretFile,
      int taskAttempts,
      Optional<Path> users,
      Optional<Path> tlsKeystore,
      Optional<Path> tlsPasswordFile,
      Optional<Path> workerTlsCa,
      LogSettings log,
      long queryMemoryLimit,
      long maxRequests) {
    this(
        bind,
        port,
        catalog,
        workers,
        secretFile,
        taskAttempts,
        users,
        tlsKeystore,
        tlsPasswordFile,
        workerTlsCa,
        log,
        queryMemoryLimit,
        maxRequests,
        Optional.empty());
  }

  /**
   * Parses {@code [--catalog FILE] [--port N] [--bind ADDR] [--workers HOST:PORT,...]
   * [--secret-file FILE] [--task-attempts N] [--users FILE] [--tls-keystore FILE
   * --tls-password-file FILE] [--log-level LEVEL] [--log-file FILE] [--flight-sql-port N]}.
   */
  public static ServerOptions parse(String... args) {
    CommandLineFlags flags =
        CommandLineFlags.parse(
            args,
            "--catalog",
            "FILE",
            "--port",
            "N",
            "--bind",
            "ADDR",
            "--workers",
            "HOST:PORT,...",
            "--secret-file",
            "FILE",
            "--task-attempts",
            "N",
            "--users",
            "FILE",
            "--tls-keystore",
            "FILE",
            "--tls-password-file",
            "FILE",
            "--worker-tls-ca",
            "PEM",
            "--log-level",
            "LEVEL",
            "--log-file",
            "FILE",
            "--query-memory-limit",
            "BYTES",
            "--max-requests",
            "N",
            "--flight-sql-port",
            "N");
    return new ServerOptions(
        flags.string("--bind").orElse(DEFAULT_BIND),
        flags.number("--port", DEFAULT_PORT),
        flags.path("--catalog"),
        flags.string("--workers").map(WorkerAddress::parseList).orElse(List.of()),
        flags.path("--secret-file"),
        flags.number("--task-attempts", ExecutionConfig.DEFAULT_TASK_ATTEMPTS),
        flags.path("--users"),
        flags.path("--tls-keystore"),
        flags.path("--tls-password-file"),
        flags.path("--worker-tls-ca"),
        LogSettings.from(flags),
        flags.string("--query-memory-limit").map(v -> bytes("--query-memory-limit", v)).orElse(0L),
        flags.number("--max-requests", DEFAULT_MAX_REQUESTS),
        flags.string("--flight-sql-port").map(v -> flightSqlPort(v)));
  }

  private static int flightSqlPort(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--flight-sql-port must be a port number: " + value);
    }
  }

  /** A positive number of bytes, with an optional K, M or G (powers of 1024). */
  private static long bytes(String flag, String value) {
    String text = value.trim().toUpperCase(Locale.ROOT);
    int shift = 0;
    if (text.endsWith("K") || text.endsWith("M") || text.endsWith("G")) {
      shift = text.endsWith("K") ? 10 : text.endsWith("M") ? 20 : 30;
      text = text.substring(0, text.length() - 1);
    }
    try {
      long number = Long.parseLong(text);
      if (number < 1) {
        throw new NumberFormatException();
      }
      return number << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " must be a positive number of bytes (such as 512M): " + value);
    }
  }
}
