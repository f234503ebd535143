package dev.arrowtap.log;

/**
 * One structured log line in logfmt: {@code event=query id=7 state=FAILED error="42704: ..."}.
 * Values with spaces, quotes or {@code =} are quoted; newlines are escaped, so that every event is
 * exactly one line.
 */
public final class LogLine {
  private final StringBuilder text = new StringBuilder();

  private LogLine(String event) {
    text.append("event=").append(event);
  }

  /** A line about an event such as {@code query}, {@code task} or {@code uncaught}. */
  public static LogLine event(String event) {
    return new LogLine(event);
  }

  /** Adds {@code key=value}; a null value is left out. */
  public LogLine with(String key, Object value) {
    if (value == null) {
      return this;
    }
    text.append(' ').append(key).append('=').append(quote(String.valueOf(value)));
    return this;
  }

  static String quote(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
    }
    if (plain) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < ' ' ? ' ' : c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
