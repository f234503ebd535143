package dev.arrowtap.server.flightsql;

import dev.arrowtap.common.Secrets;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.metrics.SqlMasker;
import dev.arrowtap.server.meta.MetaErrors;
import java.sql.SQLException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * Turns an engine failure into a Flight status whose description starts with the SQLState, as the
 * Avatica endpoint reports it ({@code 42000: syntax error ...}), with secrets removed.
 */
final class FlightErrors {
  private FlightErrors() {}

  /** A failure as the text kept in {@code sys.queries}: {@code SQLSTATE: message}. */
  static String text(Throwable failure, Secrets secrets) {
    if (failure instanceof FlightRuntimeException flight) {
      return SqlMasker.mask(secrets.redact(flight.status().description()));
    }
    Throwable translated = MetaErrors.translate(failure);
    String text;
    if (translated instanceof AvaticaRuntimeException avatica) {
      text = avatica.getSqlState() + ": " + avatica.getErrorMessage();
    } else if (translated instanceof SQLException sql && sql.getSQLState() != null) {
      text = sql.getSQLState() + ": " + sql.getMessage();
    } else {
      text = SqlStates.INTERNAL + ": internal error: " + translated;
    }
    return SqlMasker.mask(secrets.redact(text));
  }

  /** The Flight status for a failure. */
  static FlightRuntimeException status(Throwable failure, Secrets secrets) {
    if (failure instanceof FlightRuntimeException flight) {
      return flight;
    }
    String text = text(failure, secrets);
    return codeOf(text).withDescription(text).toRuntimeException();
  }

  /** The Flight code closest to an SQLState (the text starts with it). */
  private static CallStatus codeOf(String text) {
    if (text.startsWith(SqlStates.QUERY_CANCELED)) {
      return CallStatus.CANCELLED;
    }
    if (text.startsWith(SqlStates.NOT_PERMITTED)) {
      return CallStatus.UNAUTHORIZED;
    }
    if (text.startsWith(SqlStates.ADMIN_SHUTDOWN) || text.startsWith("08")) {
      return CallStatus.UNAVAILABLE;
    }
    if (text.startsWith(SqlStates.INTERNAL)) {
      return CallStatus.INTERNAL;
    }
    if (text.startsWith("53") || text.startsWith("54")) {
      return CallStatus.RESOURCE_EXHAUSTED;
    }
    if (text.startsWith(SqlStates.UNDEFINED_OBJECT)) {
      return CallStatus.NOT_FOUND;
    }
    return CallStatus.INVALID_ARGUMENT;
  }
}
