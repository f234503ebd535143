package dev.arrowtap.catalog;

import java.util.List;
import java.util.Locale;

/** Which hosts {@code read_json} may call: exact names, {@code *.suffix} patterns, or {@code *}. */
public record HostAllowlist(List<String> patterns) {
  public static final HostAllowlist ALL = new HostAllowlist(List.of("*"));
  public static final HostAllowlist NONE = new HostAllowlist(List.of());

  public HostAllowlist {
    patterns = patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
  }

  public boolean allows(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String pattern : patterns) {
      if (pattern.equals("*") || pattern.equals(h)) {
        return true;
      }
      if (pattern.startsWith("*.") && h.endsWith(pattern.substring(1))) {
        return true;
      }
    }
    return false;
  }
}
