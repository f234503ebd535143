package dev.arrowtap.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;

/**
 * Makes every {@link DatabaseMetaData} call fail with an {@link SQLException}: Avatica's metadata
 * calls let its client's unchecked exceptions through (a server gone away, say), which BI tools do
 * not expect from JDBC.
 */
final class CheckedMetaData {
  private CheckedMetaData() {}

  static DatabaseMetaData wrap(DatabaseMetaData metaData) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            CheckedMetaData.class.getClassLoader(),
            new Class<?>[] {AvaticaSpecificDatabaseMetaData.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(metaData, args);
              } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sql) {
                  throw ClientErrors.clean(sql);
                }
                if (cause instanceof RuntimeException runtime) {
                  throw ClientErrors.clean(runtime);
                }
                throw cause;
              }
            });
  }
}
