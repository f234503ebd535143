package dev.arrowtap.worker;

import dev.arrowtap.common.CommandLineFlags;
import dev.arrowtap.log.LogSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line options of {@code arrowtap worker}.
 *
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param secretFile the file holding the shared secret; else {@code ARROWTAP_WORKER_SECRET}
 * @param tls the certificate chain and key to speak TLS with, or empty for plain gRPC
 * @param log where the log goes and how much of it
 */
public record WorkerOptions(
    String bind, int port, Optional<Path> secretFile, Optional<WorkerTls> tls, LogSettings log) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 4001;

  public WorkerOptions {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(secretFile, "secretFile is null");
    Objects.requireNonNull(tls, "tls is null");
    Objects.requireNonNull(log, "log is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
    }
  }

  /**
   * Parses {@code [--port N] [--bind ADDR] [--secret-file FILE] [--tls-cert PEM --tls-key PEM]
   * [--log-level LEVEL] [--log-file FILE]}.
   */
  public static WorkerOptions parse(String... args) {
    CommandLineFlags flags =
        CommandLineFlags.parse(
            args,
            "--port",
            "N",
            "--bind",
            "ADDR",
            "--secret-file",
            "FILE",
            "--tls-cert",
            "PEM",
            "--tls-key",
            "PEM",
            "--log-level",
            "LEVEL",
            "--log-file",
            "FILE");
    Optional<Path> cert = flags.path("--tls-cert");
    Optional<Path> key = flags.path("--tls-key");
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    Optional<WorkerTls> tls =
        cert.isPresent() ? Optional.of(new WorkerTls(cert.get(), key.get())) : Optional.empty();
    return new WorkerOptions(
        flags.string("--bind").orElse(DEFAULT_BIND),
        flags.number("--port", DEFAULT_PORT),
        flags.path("--secret-file"),
        tls,
        LogSettings.from(flags));
  }
}
