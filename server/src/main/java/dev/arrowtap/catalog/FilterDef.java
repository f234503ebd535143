package dev.arrowtap.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A comparison on a column that the API can apply itself, as a request parameter: {@code created_at
 * >= X} sent as {@code ?since=X}.
 *
 * @param column the table column compared
 * @param op what the API does with the value: {@code =}, {@code >=}, {@code >}, {@code <=} or
 *     {@code <}, with the column on the left
 * @param param the request parameter that carries the value
 * @param format how the value is written in the request
 * @param inBody true when the value goes only into the POST body template ({@code ${param}})
 * @param exact true when the API applies the comparison exactly as SQL would, so that the query
 *     need not check the rows again
 */
public record FilterDef(
    String column, String op, String param, Format format, boolean inBody, boolean exact) {
  /** The comparisons a filter can declare. */
  public static final Set<String> OPS = Set.of("=", ">=", ">", "<=", "<");

  /** How a value is written in a request. */
  public enum Format {
    /** Numbers and text as written; dates {@code 2024-01-05}; timestamps ISO-8601 in UTC. */
    TEXT,
    /** {@code 2024-01-05}. */
    ISO_DATE,
    /** {@code 2024-01-05T10:00:00Z}. */
    ISO_DATETIME,
    /** Seconds since 1970-01-01 UTC. */
    EPOCH_SECONDS,
    /** Milliseconds since 1970-01-01 UTC. */
    EPOCH_MILLIS;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public FilterDef {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(param, "param is null");
    Objects.requireNonNull(format, "format is null");
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException("op must be one of =, >=, >, <=, <: " + op);
    }
  }
}
