package dev.arrowtap.aggregate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A condition on one batch's rows that a task evaluates on its vectors before it aggregates: a row
 * passes when the condition is TRUE (not FALSE, not UNKNOWN). Literal values travel as text in the
 * column's own terms: integers, decimals, doubles as written, dates as days and timestamps as
 * milliseconds since 1970-01-01, booleans as {@code true}/{@code false}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TaskFilter.InRanges.class, name = "ranges"),
  @JsonSubTypes.Type(value = TaskFilter.LikePrefix.class, name = "like_prefix"),
  @JsonSubTypes.Type(value = TaskFilter.AnyOf.class, name = "any"),
  @JsonSubTypes.Type(value = TaskFilter.AllOf.class, name = "all")
})
public sealed interface TaskFilter {
  /**
   * The column's value lies in one of the ranges; a NULL passes when {@code nullPasses}. Covers
   * comparisons with a literal, IN lists, BETWEEN, IS [NOT] NULL and a boolean column itself.
   */
  record InRanges(int column, List<ValueRange> ranges, boolean nullPasses) implements TaskFilter {
    public InRanges {
      ranges = List.copyOf(ranges);
    }
  }

  /** {@code column LIKE 'prefix%'}: the text starts with the prefix. */
  record LikePrefix(int column, String prefix) implements TaskFilter {
    public LikePrefix {
      Objects.requireNonNull(prefix, "prefix is null");
    }
  }

  /** At least one of the conditions holds (OR). */
  record AnyOf(List<TaskFilter> filters) implements TaskFilter {
    public AnyOf {
      filters = List.copyOf(filters);
    }
  }

  /** Every condition holds (AND). */
  record AllOf(List<TaskFilter> filters) implements TaskFilter {
    public AllOf {
      filters = List.copyOf(filters);
    }
  }

  /**
   * Values between two bounds; a null bound is unbounded.
   *
   * @param lower the lowest value, as text (see {@link TaskFilter}), or null
   * @param upper the highest value, or null
   */
  record ValueRange(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {
    /** Exactly one value. */
    public static ValueRange point(String value) {
      return new ValueRange(value, true, value, true);
    }
  }
}
