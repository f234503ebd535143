package dev.arrowtap.server.embedded;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.WorkerAddress;
import dev.arrowtap.exec.WorkerSecret;
import dev.arrowtap.server.meta.ArrowtapMeta;
import dev.arrowtap.server.meta.InProcessJsonService;
import dev.arrowtap.server.meta.MetaErrors;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.remote.Service;

/**
 * The engines of the embedded driver: one per catalog file and worker list per JVM, shared by every
 * connection that names the same ones, so that they share memory limits, task slots and metrics.
 * The engine-level properties ({@code catalog}, {@code workers}, {@code worker_secret_file}, {@code
 * task_attempts}) are read here, in the application's own JVM; a remote server never takes them
 * from a client.
 */
public final class EmbeddedServices {
  private static final Map<String, Service> SERVICES = new ConcurrentHashMap<>();

  private EmbeddedServices() {}

  /** The service for the engine-level properties of an embedded connection. */
  public static Service forProperties(Map<String, String> properties) throws SQLException {
    EngineConfig config;
    try {
      config = config(properties);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), SqlStates.INVALID_CONNECTION_PROPERTY, e);
    }
    String key =
        config.catalog().map(Path::toString).orElse("")
            + "|"
            + config.execution().workers()
            + "|"
            + config.execution().secret().map(WorkerSecret::hashCode).orElse(0)
            + "|"
            + config.execution().taskAttempts()
            + "|"
            + config.execution().workerTlsCa().map(Path::toString).orElse("");
    try {
      EngineConfig chosen = config;
      return SERVICES.computeIfAbsent(key, ignored -> create(chosen));
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }

  static EngineConfig config(Map<String, String> properties) {
    EngineConfig config = EngineConfig.defaults();
    String catalog = properties.get("catalog");
    if (catalog != null && !catalog.isBlank()) {
      config = config.withCatalog(Path.of(catalog));
    }
    ExecutionConfig execution = ExecutionConfig.local();
    String attempts = properties.get("task_attempts");
    if (attempts != null && !attempts.isBlank()) {
      try {
        execution = execution.withTaskAttempts(Integer.parseInt(attempts.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("task_attempts must be a number: " + attempts);
      }
    }
    List<WorkerAddress> workers = WorkerAddress.parseList(properties.get("workers"));
    if (!workers.isEmpty()) {
      String file = properties.get("worker_secret_file");
      Optional<Path> secretFile =
          file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
      execution = execution.withWorkers(workers, WorkerSecret.resolve(secretFile));
      String ca = properties.get("worker_tls_ca");
      if (ca != null && !ca.isBlank()) {
        execution = execution.withWorkerTls(Path.of(ca));
      }
    }
    return config.withExecution(execution);
  }

  private static Service create(EngineConfig config) {
    ArrowtapEngine engine;
    try {
      JvmSupport.requireArrowMemory();
      engine = new ArrowtapEngine(config);
    } catch (ArrowtapException e) {
      throw new IllegalStateException(e.getMessage(), e.toSqlException());
    }
    try {
      ArrowtapMeta meta = new ArrowtapMeta(engine, true);
      return new InProcessJsonService(MetaErrors.wrap(meta), meta::arrowResult);
    } catch (SQLException e) {
      engine.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
