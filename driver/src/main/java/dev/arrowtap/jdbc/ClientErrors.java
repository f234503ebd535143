package dev.arrowtap.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Gives the user the server's own message: Avatica wraps it as {@code Error -1 (22023) : Error
 * while executing SQL "...": Remote driver error: ...}, which buries what went wrong.
 */
final class ClientErrors {
  private static final String REMOTE = "Remote driver error: ";

  private ClientErrors() {}

  static SQLException clean(SQLException e) {
    if (e instanceof AvaticaSqlException avatica) {
      return new SQLException(
          strip(avatica.getErrorMessage()), e.getSQLState(), e.getErrorCode(), e);
    }
    if (e.getSQLState() == null) {
      // A server error that Avatica wrapped in a plain SQLException (see ServerErrorMeta).
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof AvaticaClientRuntimeException remote) {
          return new SQLException(
              strip(remote.getMessage()), remote.getSqlState(), remote.getErrorCode(), e);
        }
      }
    }
    return e;
  }

  /** An unchecked failure from Avatica's client, as the SQLException JDBC callers expect. */
  static SQLException clean(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AvaticaClientRuntimeException remote) {
        return new SQLException(
            strip(remote.getMessage()), remote.getSqlState(), remote.getErrorCode(), e);
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AvaticaRuntimeException engine) {
        // An embedded engine's error, met while reading Arrow batches in this JVM.
        return new SQLException(
            engine.getErrorMessage(), engine.getSqlState(), engine.getErrorCode(), e);
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        return new SQLException(
            "lost the connection to the arrowtap server: " + io.getMessage(),
            ArrowtapHttpClientFactory.CONNECTION_FAILURE,
            e);
      }
    }
    return new SQLException("internal error in the driver: " + e, "XX000", e);
  }

  private static String strip(String message) {
    if (message == null) {
      return "unknown error";
    }
    int at = message.indexOf(REMOTE);
    String text = at >= 0 ? message.substring(at + REMOTE.length()) : message;
    // AvaticaClientRuntimeException appends ". Error -1 (STATE) SEVERITY".
    int tail = text.lastIndexOf(". Error ");
    return tail > 0 && text.endsWith("ERROR") ? text.substring(0, tail) : text;
  }
}
