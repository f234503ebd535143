package dev.arrowtap.plan;

import java.util.Map;
import java.util.Objects;

/**
 * A table and one of its child tables read in one pass: {@code table} has the parent's columns then
 * the child's, a row for each element of each parent record.
 *
 * @param table the joined table; its bindable columns and pushed filters are the parent's
 * @param keys each of the child's key columns (a child ordinal) with the parent column it copies (a
 *     parent ordinal)
 */
public record ChildJoin(ScanTable table, Map<Integer, Integer> keys) {
  public ChildJoin {
    Objects.requireNonNull(table, "table is null");
    keys = Map.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a child join needs at least one key column");
    }
  }
}
