package dev.arrowtap.jdbc;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactory;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.KerberosConnection;

/**
 * Avatica's HTTP client, with a server that cannot be reached reported as SQLState 08006 (naming
 * the server) instead of a bare {@code RuntimeException}; Avatica then turns it into an
 * SQLException like any error the server sends.
 */
public final class ArrowtapHttpClientFactory implements AvaticaHttpClientFactory {
  /** SQLState class 08: the connection to the server failed. */
  static final String CONNECTION_FAILURE = "08006";

  @Override
  public AvaticaHttpClient getClient(
      URL url, ConnectionConfig config, KerberosConnection kerberosUtil) {
    AvaticaHttpClient client =
        AvaticaHttpClientFactoryImpl.getInstance().getClient(url, config, kerberosUtil);
    String server = Redaction.url(url.toString());
    return request -> {
      try {
        return client.send(request);
      } catch (RuntimeException e) {
        IOException io = ioCause(e);
        if (io == null) {
          throw e;
        }
        AvaticaClientRuntimeException failure =
            new AvaticaClientRuntimeException(
                "lost the connection to the arrowtap server at " + server + ": " + describe(io),
                -1,
                CONNECTION_FAILURE,
                AvaticaSeverity.ERROR,
                List.of(),
                null);
        failure.initCause(io);
        throw failure;
      }
    };
  }

  private static IOException ioCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
