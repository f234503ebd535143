package dev.arrowtap.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

/** Removes secrets from URLs before they are shown: in errors, logs and {@code getURL()}. */
final class Redaction {
  /** Connection properties whose values are secrets. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|secret|token|credential|keytab).*");

  private static final Pattern USER_INFO = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://)[^/@]*@");

  private Redaction() {}

  /**
   * An HTTP URL without its user-info part ({@code http://user:pw@host} becomes {@code
   * http://host}).
   */
  static String url(String url) {
    return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
  }

  /**
   * A {@code jdbc:arrowtap:key=value;...} URL without the pairs that carry a secret, and with any
   * user-info removed from the server URL.
   */
  static String jdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(ArrowtapDriver.PREFIX)) {
      return jdbcUrl;
    }
    String rest = jdbcUrl.substring(ArrowtapDriver.PREFIX.length());
    StringBuilder out = new StringBuilder(ArrowtapDriver.PREFIX);
    boolean first = !rest.startsWith(";");
    for (String pair : rest.split(";", -1)) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = (eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      if (SECRET_KEY.matcher(key).matches()) {
        continue;
      }
      String kept = key.equals("url") && eq >= 0 ? "url=" + url(pair.substring(eq + 1)) : pair;
      out.append(first ? "" : ";").append(kept);
      first = false;
    }
    return out.toString();
  }

  /** True when a connection property holds a secret. */
  static boolean isSecret(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }
}
