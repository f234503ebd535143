package dev.arrowtap.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an engine runs tasks, set by the process that owns it and never by a client: the workers to
 * send tasks to (none: run them in this JVM), the secret shared with them, how often a task is
 * tried, how many finished queries keep their metrics, and the request budget of a query whose
 * session sets none ({@code defaultMaxRequests}, -1 for none).
 */
public record ExecutionConfig(
    List<WorkerAddress> workers,
    Optional<WorkerSecret> secret,
    int taskAttempts,
    int queryRetention,
    Optional<Path> workerTlsCa,
    long defaultMaxRequests) {
  public static final int DEFAULT_TASK_ATTEMPTS = 3;
  public static final int DEFAULT_QUERY_RETENTION = 1000;

  public ExecutionConfig {
    workers = List.copyOf(workers);
    Objects.requireNonNull(secret, "secret is null");
    Objects.requireNonNull(workerTlsCa, "workerTlsCa is null");
    if (!workers.isEmpty() && secret.isEmpty()) {
      throw new IllegalArgumentException(
          "workers need a shared secret: give --secret-file FILE or set "
              + WorkerSecret.ENVIRONMENT_VARIABLE);
    }
    if (taskAttempts < 1) {
      throw new IllegalArgumentException("task attempts must be at least 1: " + taskAttempts);
    }
    if (defaultMaxRequests < -1) {
      throw new IllegalArgumentException(
          "max requests must be -1 (none) or more: " + defaultMaxRequests);
    }
    if (queryRetention < 1) {
      throw new IllegalArgumentException("query retention must be at least 1: " + queryRetention);
    }
  }

  /** Every task in this JVM. */
  public static ExecutionConfig local() {
    return new ExecutionConfig(
        List.of(),
        Optional.empty(),
        DEFAULT_TASK_ATTEMPTS,
        DEFAULT_QUERY_RETENTION,
        Optional.empty(),
        -1);
  }

  /** Queries whose session sets no {@code max_requests} may send this many requests (-1: any). */
  public ExecutionConfig withDefaultMaxRequests(long requests) {
    return new ExecutionConfig(
        workers, secret, taskAttempts, queryRetention, workerTlsCa, requests);
  }

  public ExecutionConfig withWorkers(List<WorkerAddress> list, Optional<WorkerSecret> key) {
    return new ExecutionConfig(
        list, key, taskAttempts, queryRetention, workerTlsCa, defaultMaxRequests);
  }

  /** Workers speak TLS; their certificates are trusted when this CA (PEM) signed them. */
  public ExecutionConfig withWorkerTls(Path ca) {
    return new ExecutionConfig(
        workers, secret, taskAttempts, queryRetention, Optional.of(ca), defaultMaxRequests);
  }

  public ExecutionConfig withTaskAttempts(int attempts) {
    return new ExecutionConfig(
        workers, secret, attempts, queryRetention, workerTlsCa, defaultMaxRequests);
  }
}
