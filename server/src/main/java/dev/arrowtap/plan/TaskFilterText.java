package dev.arrowtap.plan;

import dev.arrowtap.aggregate.TaskFilter;
import dev.arrowtap.types.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Task filters as EXPLAIN shows them: {@code [score > 10, name LIKE 'a%']}, by column name. */
final class TaskFilterText {
  private TaskFilterText() {}

  static List<String> describe(List<TaskFilter> filters, TableShape input) {
    List<String> out = new ArrayList<>();
    for (TaskFilter filter : filters) {
      out.add(text(filter, input));
    }
    return out;
  }

  private static String text(TaskFilter filter, TableShape input) {
    if (filter instanceof TaskFilter.AllOf all) {
      return all.filters().stream()
          .map(f -> text(f, input))
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
    if (filter instanceof TaskFilter.AnyOf any) {
      return any.filters().stream()
          .map(f -> text(f, input))
          .collect(Collectors.joining(" OR ", "(", ")"));
    }
    if (filter instanceof TaskFilter.LikePrefix like) {
      return name(like.column(), input) + " LIKE '" + like.prefix().replace("'", "''") + "%'";
    }
    TaskFilter.InRanges ranges = (TaskFilter.InRanges) filter;
    String name = name(ranges.column(), input);
    List<String> parts = new ArrayList<>();
    List<String> points = new ArrayList<>();
    for (TaskFilter.ValueRange range : ranges.ranges()) {
      if (range.lower() != null && range.lower().equals(range.upper())) {
        points.add(range.lower());
      } else if (range.lower() == null && range.upper() == null) {
        parts.add(name + " IS NOT NULL");
      } else {
        parts.add(rangeText(name, range));
      }
    }
    if (points.size() == 1) {
      parts.add(0, name + " = " + points.get(0));
    } else if (!points.isEmpty()) {
      parts.add(0, name + " IN (" + String.join(", ", points) + ")");
    }
    if (ranges.nullPasses()) {
      parts.add(name + " IS NULL");
    }
    if (parts.isEmpty()) {
      return "FALSE";
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
  }

  private static String rangeText(String name, TaskFilter.ValueRange range) {
    List<String> sides = new ArrayList<>();
    if (range.lower() != null) {
      sides.add(name + (range.lowerInclusive() ? " >= " : " > ") + range.lower());
    }
    if (range.upper() != null) {
      sides.add(name + (range.upperInclusive() ? " <= " : " < ") + range.upper());
    }
    return String.join(" AND ", sides);
  }

  private static String name(int column, TableShape input) {
    return input.columns().get(column).name();
  }
}
