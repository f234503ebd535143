package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.FilterDef;
import dev.arrowtap.catalog.SplitDef;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.TableShape;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts one walk of a feed (a cursor or next-URL feed, or any other) into windows of a column's
 * range, each its own task, as {@code split: {column, step}} declares: window {@code i} asks the
 * API for {@code lo + i * step <= column < lo + (i + 1) * step} through the catalog's exact {@code
 * >=} and {@code <} filters on that column, so that windows neither overlap nor leave a gap. The
 * bounds come from the query's {@code >=} and {@code <} on the column, or else from the declared
 * {@code from} and {@code to}; a first or last window bounded only by the catalog stays open on
 * that side, so rows outside {@code [from, to)} are still read.
 */
final class FeedWindows {
  private FeedWindows() {}

  /** What the windows cut: the column, its filters and how a bound is written and stepped. */
  private record Setup(int column, String name, Kind kind, FilterDef lower, FilterDef upper) {}

  /** How bounds of a column type are read, stepped and compared. */
  private enum Kind {
    NUMBER,
    DATE,
    TIMESTAMP
  }

  /**
   * The request parameters of each window's task: {@code base} with the split column's bounds set
   * to the window's; {@code base} alone when the feed is not cut (see {@link #whyOne}).
   */
  static List<Map<String, String>> cut(
      FeedDef feed,
      TableShape shape,
      List<PushedFilter> filters,
      long limit,
      Map<String, String> base,
      int maxWindows) {
    SplitDef split = feed.split();
    Optional<Setup> found = setup(feed, shape);
    if (found.isEmpty() || limit >= 0) {
      return List.of(base);
    }
    Setup setup = found.get();
    Object lo = bound(filters, setup, ">=");
    Object hi = bound(filters, setup, "<");
    Object start =
        lo != null ? lo : split.from().map(text -> parse(setup.kind(), text)).orElse(null);
    Object end = hi != null ? hi : split.to().map(text -> parse(setup.kind(), text)).orElse(null);
    if (start == null || end == null) {
      return List.of(base);
    }
    List<Object> edges = new ArrayList<>();
    Object edge = start;
    while (compare(edge, end) < 0) {
      edges.add(edge);
      if (edges.size() > maxWindows) {
        return List.of(base);
      }
      edge = plus(setup.kind(), edge, split.step().orElseThrow());
    }
    edges.add(end);
    int windows = edges.size() - 1;
    if (windows < 2) {
      return List.of(base);
    }
    List<Map<String, String>> out = new ArrayList<>(windows);
    for (int i = 0; i < windows; i++) {
      Map<String, String> params = new LinkedHashMap<>(base);
      if (i == 0 && lo == null) {
        params.remove(setup.lower().param());
      } else {
        Optional<String> text = write(setup.lower(), edges.get(i), false);
        if (text.isEmpty()) {
          return List.of(base);
        }
        params.put(setup.lower().param(), text.get());
      }
      if (i == windows - 1 && hi == null) {
        params.remove(setup.upper().param());
      } else {
        Optional<String> text = write(setup.upper(), edges.get(i + 1), true);
        if (text.isEmpty()) {
          return List.of(base);
        }
        params.put(setup.upper().param(), text.get());
      }
      out.add(params);
    }
    return out;
  }

  /**
   * Why a task of a feed that declares {@code split: {column, step}} was not cut into windows, or
   * empty when the feed declares no such split.
   */
  static Optional<String> whyOne(FeedTask task) {
    FeedDef feed = task.feed();
    SplitDef split = feed.split();
    if (split.column().isEmpty()) {
      return Optional.empty();
    }
    String column = split.column().get();
    Optional<String> unusable = filtersWhy(feed);
    if (unusable.isPresent()) {
      return unusable;
    }
    FilterDef lower = filter(feed, column, ">=").orElseThrow();
    FilterDef upper = filter(feed, column, "<").orElseThrow();
    if (task.rowLimit() >= 0) {
      return Optional.of("a LIMIT: one walk stops soonest");
    }
    if (!task.apiFilters().containsKey(lower.param()) && split.from().isEmpty()) {
      return Optional.of(
          "no lower bound on " + column + ": add WHERE " + column + " >= ... or split.from");
    }
    if (!task.apiFilters().containsKey(upper.param()) && split.to().isEmpty()) {
      return Optional.of(
          "no upper bound on " + column + ": add WHERE " + column + " < ... or split.to");
    }
    return Optional.of(
        "the range of "
            + column
            + " is one window of "
            + split.step().orElseThrow()
            + " or less, more windows than a scan may have, or a step or bound that does not fit"
            + " its type");
  }

  private static Optional<Setup> setup(FeedDef feed, TableShape shape) {
    return unusable(feed, shape).isPresent() ? Optional.empty() : Optional.of(found(feed, shape));
  }

  /** Why the declared split cannot cut this feed at all, or empty when it can. */
  private static Optional<String> unusable(FeedDef feed, TableShape shape) {
    SplitDef split = feed.split();
    if (split.column().isEmpty()) {
      return Optional.of("no split column declared");
    }
    String name = split.column().get();
    int column = ordinal(shape, name);
    if (column < feed.parameters().size()) {
      return Optional.of("split.column " + name + " is not a column of the table");
    }
    Kind kind = kind(shape.columns().get(column));
    if (kind == null) {
      return Optional.of("split.column " + name + " is not a number, DATE or TIMESTAMP");
    }
    boolean numeric = kind == Kind.NUMBER;
    if (numeric == split.durationStep()) {
      return Optional.of(
          "split.step "
              + split.step().orElseThrow()
              + (kind == Kind.NUMBER ? " is a duration, " : " is a number, ")
              + name
              + (kind == Kind.NUMBER ? " a number" : " a date or timestamp"));
    }
    if (kind == Kind.DATE && !split.step().orElseThrow().endsWith("d")) {
      return Optional.of("split.step of a DATE column is whole days, such as 1d");
    }
    Optional<String> filters = filtersWhy(feed);
    if (filters.isPresent()) {
      return filters;
    }
    for (String bound : List.of(split.from().orElse(""), split.to().orElse(""))) {
      if (!bound.isEmpty() && parse(kind, bound) == null) {
        return Optional.of("split.from or split.to " + bound + " is not a value of " + name);
      }
    }
    return Optional.empty();
  }

  /** Why the catalog's filters on the split column cannot bound windows, or empty. */
  private static Optional<String> filtersWhy(FeedDef feed) {
    String name = feed.split().column().orElseThrow();
    Optional<FilterDef> lower = filter(feed, name, ">=");
    Optional<FilterDef> upper = filter(feed, name, "<");
    if (lower.isEmpty() || upper.isEmpty()) {
      return Optional.of(
          "windows of " + name + " need filters on it with op '>=' and op '<' (half-open)");
    }
    if (!lower.get().exact() || !upper.get().exact()) {
      return Optional.of(
          "the filters on " + name + " are not exact: windows could overlap or leave a gap");
    }
    return Optional.empty();
  }

  private static Setup found(FeedDef feed, TableShape shape) {
    String name = feed.split().column().orElseThrow();
    int column = ordinal(shape, name);
    return new Setup(
        column,
        name,
        kind(shape.columns().get(column)),
        filter(feed, name, ">=").orElseThrow(),
        filter(feed, name, "<").orElseThrow());
  }

  private static int ordinal(TableShape shape, String name) {
    for (int i = 0; i < shape.size(); i++) {
      if (shape.columns().get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Kind kind(Column column) {
    return switch (column.type()) {
      case BIGINT, DECIMAL, DOUBLE -> Kind.NUMBER;
      case DATE -> Kind.DATE;
      case TIMESTAMP, TIMESTAMP_LTZ -> Kind.TIMESTAMP;
      default -> null;
    };
  }

  private static Optional<FilterDef> filter(FeedDef feed, String column, String op) {
    String name = column.toLowerCase(Locale.ROOT);
    return feed.filters().stream()
        .filter(f -> f.column().toLowerCase(Locale.ROOT).equals(name) && f.op().equals(op))
        .findFirst();
  }

  /** The query's bound with this comparison on the split column, in the column's kind, or null. */
  private static Object bound(List<PushedFilter> filters, Setup setup, String op) {
    for (PushedFilter filter : filters) {
      if (filter.column() == setup.column() && filter.op().equals(op)) {
        return normal(setup.kind(), filter.value());
      }
    }
    return null;
  }

  private static Object normal(Kind kind, Object value) {
    return switch (kind) {
      case NUMBER -> value instanceof BigDecimal ? value : null;
      case DATE -> value instanceof LocalDate ? value : null;
      case TIMESTAMP ->
          value instanceof LocalDate date
              ? date.atStartOfDay().toInstant(ZoneOffset.UTC)
              : value instanceof Instant ? value : null;
    };
  }

  /** A declared {@code from} or {@code to} as a value of the column, or null. */
  private static Object parse(Kind kind, String text) {
    try {
      return switch (kind) {
        case NUMBER -> new BigDecimal(text);
        case DATE -> LocalDate.parse(text);
        case TIMESTAMP ->
            text.length() == 10
                ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                : Instant.parse(text);
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object a, Object b) {
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static Object plus(Kind kind, Object value, String step) {
    return switch (kind) {
      case NUMBER -> ((BigDecimal) value).add(new BigDecimal(step));
      case DATE -> ((LocalDate) value).plusDays(duration(step).toDays());
      case TIMESTAMP -> ((Instant) value).plus(duration(step));
    };
  }

  private static Duration duration(String step) {
    long amount = Long.parseLong(step.substring(0, step.length() - 1));
    return switch (step.charAt(step.length() - 1)) {
      case 'd' -> Duration.ofDays(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** A window's edge as the request carries it, or empty when the format would round it. */
  private static Optional<String> write(FilterDef def, Object value, boolean upper) {
    return FilterValues.write(def.format(), value, upper)
        .filter(FilterValues.Written::lossless)
        .map(FilterValues.Written::text);
  }
}
