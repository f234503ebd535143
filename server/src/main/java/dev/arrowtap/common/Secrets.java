package dev.arrowtap.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret values a catalog holds (tokens, passwords, keys, anything read from the environment or
 * a file), so that every message leaving arrowtap can have them replaced by {@code ***}.
 */
public final class Secrets {
  /** Longest first, so that a secret containing another is masked whole; then a fixed order. */
  private static final Comparator<String> LONGEST_FIRST =
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder());

  public static final Secrets NONE = new Secrets(Set.of());
  private static final String MASK = "***";

  /**
   * Secrets learnt while running (OAuth 2 access and refresh tokens), masked by every {@code
   * Secrets} of the process: an API may echo a token it refused into any feed's error. Bounded, the
   * oldest forgotten first (a token renewed hourly for a year is fewer).
   */
  private static final Map<String, Boolean> LEARNT =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 10_000;
            }
          });

  private static volatile List<String> learnt = List.of();

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
        values.stream().filter(v -> v != null && v.length() >= 3).sorted(LONGEST_FIRST).toList();
  }

  /**
   * Adds a secret the process learnt at run time (an access token from a token endpoint): from now
   * on every {@code Secrets}, {@link #NONE} included, masks it.
   */
  public static void learn(String value) {
    if (value == null || value.length() < 3) {
      return;
    }
    synchronized (LEARNT) {
      if (LEARNT.put(value, Boolean.TRUE) == null) {
        learnt = LEARNT.keySet().stream().sorted(LONGEST_FIRST).toList();
      }
    }
  }

  /** The text with every secret value replaced by {@code ***}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = mask(text, values);
    return mask(out, learnt);
  }

  private static String mask(String text, List<String> secrets) {
    String out = text;
    for (String value : secrets) {
      out = out.replace(value, MASK);
      String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
      if (!encoded.equals(value)) {
        out = out.replace(encoded, MASK).replace(encoded.replace("+", "%20"), MASK);
      }
    }
    return out;
  }

  /**
   * The throwable as it may be shown: itself when no message in its chain holds a secret, otherwise
   * a copy of the chain whose every message is masked (the copies keep the original class names and
   * stack traces, so the text of the trace reads the same).
   */
  public Throwable redact(Throwable error) {
    if (error == null || !holdsSecret(error)) {
      return error;
    }
    return copy(error, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
  }

  private boolean holdsSecret(Throwable error) {
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.equals(redact(message))) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (holdsSecret(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  private Throwable copy(Throwable error, java.util.Set<Throwable> seen) {
    seen.add(error);
    Throwable cause = error.getCause();
    RedactedThrowable out =
        new RedactedThrowable(
            error.getClass().getName(),
            redact(error.getMessage()),
            cause == null || seen.contains(cause) ? null : copy(cause, seen));
    out.setStackTrace(error.getStackTrace());
    for (Throwable suppressed : error.getSuppressed()) {
      if (!seen.contains(suppressed)) {
        out.addSuppressed(copy(suppressed, seen));
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

  /**
   * Equal when they mask the same values: a feed rebuilt with the same secrets is the same feed.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secrets secrets && values.equals(secrets.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Never the values. */
  @Override
  public String toString() {
    return "Secrets[" + values.size() + "]";
  }
}
