package dev.arrowtap.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Builds the in-JVM service of an embedded connection. The engine is reached by name so that a
 * remote connection never loads Calcite or Arrow.
 */
public final class EmbeddedServiceFactory implements Service.Factory {
  private static final String ENTRY = "dev.arrowtap.server.embedded.EmbeddedServices";

  /**
   * Properties that pick the embedded engine itself (its catalog, its workers); read only in this
   * JVM. A remote server ignores them: no client can make a server read a file or call a host.
   */
  private static final List<String> ENGINE_PROPERTIES =
      List.of("catalog", "workers", "worker_secret_file", "worker_tls_ca", "task_attempts");

  @Override
  public Service create(AvaticaConnection connection) {
    Map<String, String> engineProperties = new HashMap<>();
    for (String key : ENGINE_PROPERTIES) {
      String value = ((ArrowtapConnection) connection).property(key);
      if (value != null) {
        engineProperties.put(key, value);
      }
    }
    try {
      Method forProperties = Class.forName(ENTRY).getMethod("forProperties", Map.class);
      return (Service) forProperties.invoke(null, engineProperties);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw failure(
          "the embedded engine is not on the classpath ("
              + ENTRY
              + "); use the"
              + " self-contained arrowtap-jdbc jar, or connect to a server with url=http://host:port",
          "08001",
          e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw failure(sql.getMessage(), sql.getSQLState(), sql);
      }
      throw failure("cannot start the embedded engine: " + cause, "08001", cause);
    } catch (IllegalAccessException e) {
      throw failure("cannot start the embedded engine: " + e, "08001", e);
    }
  }

  private static AvaticaRuntimeException failure(String message, String sqlState, Throwable cause) {
    AvaticaRuntimeException error =
        new AvaticaRuntimeException(
            message, -1, sqlState == null ? "08001" : sqlState, AvaticaSeverity.FATAL);
    error.initCause(cause);
    return error;
  }
}
