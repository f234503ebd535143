package dev.arrowtap.authoring;

import java.util.List;
import java.util.Objects;

/**
 * A catalog value with comment lines written just before it: what the author guessed, and why.
 *
 * @param comments one line each, without the leading {@code #}
 */
record Commented(Object value, List<String> comments) {
  Commented {
    Objects.requireNonNull(value, "value is null");
    comments = List.copyOf(comments);
  }

  static Commented of(Object value, String... comments) {
    return new Commented(value, List.of(comments));
  }
}
