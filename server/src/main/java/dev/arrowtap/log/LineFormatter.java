package dev.arrowtap.log;

import dev.arrowtap.common.Secrets;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats a record as one logfmt line, {@code ts=... level=... logger=...} then the message, with
 * every secret the process knows replaced by {@code ***} as a last line of defence.
 */
final class LineFormatter extends Formatter {
  private final Secrets secrets;

  LineFormatter(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public String format(LogRecord record) {
    StringBuilder line =
        new StringBuilder(160)
            .append("ts=")
            .append(Instant.ofEpochMilli(record.getMillis()))
            .append(" level=")
            .append(LogSettings.levelName(record.getLevel()))
            .append(" logger=")
            .append(record.getLoggerName())
            .append(' ')
            .append(formatMessage(record));
    if (record.getThrown() != null) {
      line.append(" exception=").append(LogLine.quote(describe(record.getThrown())));
    }
    return secrets.redact(line.toString().replace('\n', ' ')) + System.lineSeparator();
  }

  /** The exception and the first frames where it happened: enough to report, one line long. */
  static String describe(Throwable thrown) {
    StringBuilder out = new StringBuilder(String.valueOf(thrown));
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < Math.min(5, frames.length); i++) {
      out.append(" at ").append(frames[i]);
    }
    return out.toString();
  }
}
