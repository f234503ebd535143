package dev.arrowtap.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formats shared by the timeline's HTML and SVG. */
final class Html {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text safe in an element's content and in a quoted attribute: SQL and errors are user input. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newline are not valid in HTML text.
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** A duration as people read it: 850 ms, 1.25 s, 2 min 05 s. */
  static String duration(long millis) {
    if (millis < 0) {
      return "";
    }
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, millis / 1000 % 60);
  }

  /** A tick label: milliseconds below a second, else seconds with as many decimals as the step. */
  static String tick(long millis, long step) {
    if (millis < 1000 && step < 1000) {
      return millis + " ms";
    }
    if (step < 60_000 || millis < 60_000) {
      int decimals = step % 1000 == 0 ? 0 : step % 100 == 0 ? 1 : step % 10 == 0 ? 2 : 3;
      return String.format(Locale.ROOT, "%." + decimals + "f s", millis / 1000.0);
    }
    return millis / 60_000 + " min" + (millis % 60_000 == 0 ? "" : " " + millis / 1000 % 60 + " s");
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A count and its noun, plural unless the count is one: 1 request, 7 requests. */
  static String counted(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  static String utc(long epochMillis) {
    return UTC.format(Instant.ofEpochMilli(epochMillis)) + " UTC";
  }

  /**
   * A round step for about {@code wanted} ticks over {@code span}: 1, 2 or 5 times a power of ten.
   */
  static long step(long span, int wanted) {
    double raw = Math.max(1, span) / (double) Math.max(1, wanted);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (int factor : new int[] {1, 2, 5, 10}) {
      if (factor * power >= raw) {
        return Math.max(1, Math.round(factor * power));
      }
    }
    return Math.max(1, Math.round(10 * power));
  }

  static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
