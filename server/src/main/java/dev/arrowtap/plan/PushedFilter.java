package dev.arrowtap.plan;

import java.util.Objects;

/**
 * A comparison of a table column with a literal that a scan hands to its source, such as {@code
 * created_at >= 2024-01-05}.
 *
 * @param column the column's ordinal in the table
 * @param op one of {@code =}, {@code >=}, {@code >}, {@code <=}, {@code <}, with the column on the
 *     left
 * @param value the literal: a String, a BigDecimal, a Boolean, a LocalDate (DATE) or an Instant
 *     (TIMESTAMP, taken as UTC)
 * @param exact whether the source applies it exactly, so that the query need not apply it again
 */
public record PushedFilter(int column, String op, Object value, boolean exact) {
  public PushedFilter {
    Objects.requireNonNull(op, "op is null");
    Objects.requireNonNull(value, "value is null");
  }
}
