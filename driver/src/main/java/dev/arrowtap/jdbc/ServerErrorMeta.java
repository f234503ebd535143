package dev.arrowtap.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.Meta;

/**
 * The client's {@link Meta}, with the server's errors handed on in a wrapper. Avatica turns a bare
 * server error into an {@code AvaticaSqlException}, whose constructor throws a NullPointerException
 * whenever a {@code DriverManager} log writer is set (SchemaCrawler sets one): {@code
 * SQLException}'s constructor prints the new exception to the writer before the subclass has set
 * the field its {@code printStackTrace} reads. Wrapped, the error becomes a plain SQLException,
 * which {@link ClientErrors} gives its SQLState and the server's message.
 */
final class ServerErrorMeta {
  private ServerErrorMeta() {}

  static Meta wrap(Meta meta) {
    return (Meta)
        Proxy.newProxyInstance(
            ServerErrorMeta.class.getClassLoader(),
            new Class<?>[] {Meta.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(meta, args);
              } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AvaticaClientRuntimeException server) {
                  throw new ServerError(server);
                }
                throw cause;
              }
            });
  }

  /** A server's error on its way to {@link ClientErrors}, which reads it from the cause. */
  static final class ServerError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerError(AvaticaClientRuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
