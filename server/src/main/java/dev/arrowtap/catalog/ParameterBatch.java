package dev.arrowtap.catalog;

import java.util.Objects;

/**
 * How a feed takes many values of one parameter in a single request ({@code ?ids=1,2,3}), for
 * lookups: at most {@code max} values joined by {@code separator}, and where each returned record
 * says which value it answers.
 *
 * @param pointer a JSON Pointer in each record to the value it belongs to, such as {@code /postId};
 *     the parameter's column shows it
 */
public record ParameterBatch(int max, String separator, String pointer) {
  /** The most values one request may carry. */
  public static final int MAX = 10_000;

  public ParameterBatch {
    Objects.requireNonNull(separator, "separator is null");
    Objects.requireNonNull(pointer, "pointer is null");
    if (max < 1 || max > MAX) {
      throw new IllegalArgumentException("batch max is from 1 to " + MAX + ", not " + max);
    }
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("batch separator is empty");
    }
  }
}
