package dev.arrowtap.server.meta;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A JDBC metadata pattern matched by arrowtap's name rule: {@code %} any text, {@code _} any one
 * character, {@code \} escapes, and letters match in any case, as names do in SQL. So {@code
 * getTables(null, "DEMO", "USERS", null)} finds {@code demo.users}.
 */
final class NamePattern {
  private final Pattern regex;

  private NamePattern(Pattern regex) {
    this.regex = regex;
  }

  /** The pattern; null matches every name. */
  static NamePattern of(String pattern) {
    if (pattern == null) {
      return new NamePattern(null);
    }
    StringBuilder out = new StringBuilder();
    boolean escaped = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escaped) {
        out.append(Pattern.quote(String.valueOf(c)));
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '%') {
        out.append(".*");
      } else if (c == '_') {
        out.append('.');
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new NamePattern(
        Pattern.compile(
            out.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
  }

  boolean matches(String name) {
    return regex == null || (name != null && regex.matcher(name).matches());
  }

  /**
   * {@code name} as a Calcite pattern that matches exactly it ({@code %} and {@code \} escaped).
   */
  static String exact(String name) {
    return name.replace("\\", "\\\\").replace("%", "\\%");
  }

  @Override
  public String toString() {
    return regex == null ? "%" : regex.pattern().toLowerCase(Locale.ROOT);
  }
}
