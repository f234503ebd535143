package dev.arrowtap.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret values a catalog holds (tokens, passwords, keys, anything read from the environment or
 * a file), so that every message leaving arrowtap can have them replaced by {@code ***}.
 */
public final class Secrets {
  public static final Secrets NONE = new Secrets(Set.of());
  private static final String MASK = "***";

  private final List<String> values;

  /** Rebuilds the secrets a task description carries to a worker. */
  @JsonCreator
  public static Secrets of(List<String> values) {
    return new Secrets(new TreeSet<>(values));
  }

  /** The values, for a task description sent to a worker; never for display. */
  @JsonValue
  List<String> values() {
    return values;
  }

  public Secrets(Set<String> values) {
    // Longest first, so that a secret containing another is masked whole.
    this.values =
        values.stream()
            .filter(v -> v != null && v.length() >= 3)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** The text with every secret value replaced by {@code ***}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : values) {
      out = out.replace(value, MASK);
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      if (!encoded.equals(value)) {
        out = out.replace(encoded, MASK).replace(encoded.replace("+", "%20"), MASK);
      }
    }
    return out;
  }

  public Secrets plus(Secrets other) {
    Set<String> all = new TreeSet<>(values);
    all.addAll(other.values);
    return new Secrets(all);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
