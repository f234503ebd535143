package dev.arrowtap.catalog;

import java.util.List;
import java.util.Locale;

/**
 * Which hosts {@code read_json} may call: exact names, {@code *.suffix} patterns, or {@code *}; any
 * of them may end in {@code :port} (an IPv6 address in brackets: {@code [::1]:8080}), which then
 * allows that port only.
 */
public record HostAllowlist(List<String> patterns) {
  public static final HostAllowlist ALL = new HostAllowlist(List.of("*"));
  public static final HostAllowlist NONE = new HostAllowlist(List.of());

  /**
   * @throws IllegalArgumentException when an entry's port is not a number from 1 to 65535
   */
  public HostAllowlist {
    patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    for (String pattern : patterns) {
      HostPattern.parse(pattern);
    }
  }

  /** Whether any port of the host is allowed: true only for entries without a port. */
  public boolean allows(String host) {
    return allows(host, -1);
  }

  /**
   * Whether the host may be called on the port (the URL's port, or 80 / 443 by its scheme); -1 asks
   * for an entry without a port.
   */
  public boolean allows(String host, int port) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    for (String pattern : patterns) {
      if (HostPattern.parse(pattern).matches(h, port)) {
        return true;
      }
    }
    return false;
  }

  /** One entry: a host pattern and, optionally, the one port it allows. */
  private record HostPattern(String host, int port) {
    static HostPattern parse(String pattern) {
      String host = pattern;
      String port = null;
      if (pattern.startsWith("[")) {
        int close = pattern.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("'" + pattern + "': an IPv6 address lacks its ']'");
        }
        host = pattern.substring(1, close);
        String rest = pattern.substring(close + 1);
        if (rest.startsWith(":")) {
          port = rest.substring(1);
        } else if (!rest.isEmpty()) {
          throw new IllegalArgumentException("'" + pattern + "': expected [address]:port");
        }
      } else if (pattern.indexOf(':') >= 0 && pattern.indexOf(':') == pattern.lastIndexOf(':')) {
        // One colon: host:port. Several: a bare IPv6 address, any port.
        host = pattern.substring(0, pattern.indexOf(':'));
        port = pattern.substring(pattern.indexOf(':') + 1);
      }
      if (port == null) {
        return new HostPattern(host, -1);
      }
      try {
        int number = Integer.parseInt(port);
        if (number >= 1 && number <= 65535) {
          return new HostPattern(host, number);
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException(
          "'" + pattern + "': the port must be a number from 1 to 65535, not '" + port + "'");
    }

    boolean matches(String candidate, int candidatePort) {
      if (this.port >= 0 && this.port != candidatePort) {
        return false;
      }
      return host.equals("*")
          || host.equals(candidate)
          || (host.startsWith("*.") && candidate.endsWith(host.substring(1)));
    }
  }
}
