package dev.arrowtap.server.meta;

import dev.arrowtap.common.Secrets;
import dev.arrowtap.metrics.SqlMasker;
import java.sql.SQLException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A failed query's error as {@code sys.queries}, the timeline and the log keep it: {@code SQLSTATE:
 * message}, with the catalog's secrets and secret-looking literals masked.
 */
final class ErrorText {
  private ErrorText() {}

  /** The text of an error as {@link MetaErrors#translate} gives it to the client. */
  static String of(Throwable translated, Secrets secrets) {
    String text;
    if (translated instanceof AvaticaRuntimeException avatica) {
      // Avatica keeps the message apart: its getMessage() is null.
      text = avatica.getSqlState() + ": " + avatica.getErrorMessage();
    } else if (translated instanceof SQLException sql && sql.getSQLState() != null) {
      text = sql.getSQLState() + ": " + sql.getMessage();
    } else {
      text = translated.getClass().getSimpleName() + ": " + translated.getMessage();
    }
    return SqlMasker.mask(secrets.redact(text));
  }
}
