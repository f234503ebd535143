package dev.arrowtap.worker;

import dev.arrowtap.log.LogSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    String bind = DEFAULT_BIND;
    int port = DEFAULT_PORT;
    Optional<Path> secretFile = Optional.empty();
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    LogSettings log = LogSettings.DEFAULTS;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--bind" -> bind = value;
        case "--port" -> port = parsePort(value);
        case "--secret-file" -> secretFile = Optional.of(Path.of(value));
        case "--tls-cert" -> cert = Optional.of(Path.of(value));
        case "--tls-key" -> key = Optional.of(Path.of(value));
        case "--log-level" -> log = log.withLevel(LogSettings.parseLevel(value));
        case "--log-file" -> log = log.withFile(Path.of(value));
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + flag
                    + "; expected --port N, --bind ADDR, --secret-file FILE, --tls-cert PEM,"
                    + " --tls-key PEM, --log-level LEVEL, --log-file FILE");
      }
    }
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    Optional<WorkerTls> tls =
        cert.isPresent() ? Optional.of(new WorkerTls(cert.get(), key.get())) : Optional.empty();
    return new WorkerOptions(bind, port, secretFile, tls, log);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number: " + value);
    }
  }
}
