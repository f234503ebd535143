package dev.arrowtap.server.embedded;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.ArrowtapException;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.meta.ArrowtapMeta;
import dev.arrowtap.server.meta.InProcessJsonService;
import dev.arrowtap.server.meta.MetaErrors;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.remote.Service;

/**
 * The engines of the embedded driver: one per catalog file per JVM, shared by every connection that
 * names the same catalog, so that they share memory limits, task slots and metrics.
 */
public final class EmbeddedServices {
  private static final Map<String, Service> SERVICES = new ConcurrentHashMap<>();

  private EmbeddedServices() {}

  /** The service for a catalog file, or for the built-in functions when {@code catalog} is null. */
  public static Service forCatalog(String catalog) throws SQLException {
    String key =
        catalog == null || catalog.isBlank()
            ? ""
            : Path.of(catalog).toAbsolutePath().normalize().toString();
    try {
      return SERVICES.computeIfAbsent(key, EmbeddedServices::create);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }

  private static Service create(String catalog) {
    EngineConfig config = EngineConfig.defaults();
    if (!catalog.isEmpty()) {
      config = config.withCatalog(Path.of(catalog));
    }
    ArrowtapEngine engine;
    try {
      JvmSupport.requireArrowMemory();
      engine = new ArrowtapEngine(config);
    } catch (ArrowtapException e) {
      throw new IllegalStateException(e.getMessage(), e.toSqlException());
    }
    try {
      return new InProcessJsonService(MetaErrors.wrap(new ArrowtapMeta(engine)));
    } catch (SQLException e) {
      engine.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
