package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.catalog.FilterDef;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.types.TableShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which of a query's comparisons a feed's API applies (its catalog {@code filters}) and
 * writes them as request parameters. A comparison goes to the API when a declared filter on its
 * column returns at least the rows it keeps: {@code >=} takes {@code >=}, {@code >} and {@code =};
 * {@code <=} takes {@code <=}, {@code <} and {@code =}; {@code >}, {@code <} and {@code =} take
 * only their own. It leaves the plan only when the filter is declared exact, the comparisons are
 * the same and the value is written without rounding.
 */
final class ApiFilters {
  private final FeedDef feed;
  private final TableShape shape;

  private ApiFilters(FeedDef feed, TableShape shape) {
    this.feed = feed;
    this.shape = shape;
  }

  static ApiFilters of(FeedDef feed, TableShape shape) {
    return new ApiFilters(feed, shape);
  }

  Optional<PushedFilter> push(int column, String op, Object value, List<PushedFilter> others) {
    Optional<FilterDef> def = declared(column, op);
    if (def.isEmpty()) {
      return Optional.empty();
    }
    for (PushedFilter other : others) {
      Optional<FilterDef> taken = declared(other.column(), other.op());
      if (taken.isPresent() && taken.get().param().equals(def.get().param())) {
        return Optional.empty(); // one value per parameter; the rest stay in the query
      }
    }
    Optional<FilterValues.Written> written =
        FilterValues.write(def.get().format(), value, upper(def.get().op()));
    if (written.isEmpty()) {
      return Optional.empty();
    }
    boolean exact = def.get().exact() && def.get().op().equals(op) && written.get().lossless();
    return Optional.of(new PushedFilter(column, op, value, exact));
  }

  /** The request parameters for these pushed comparisons, by name. */
  Map<String, String> requestParameters(List<PushedFilter> filters) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PushedFilter filter : filters) {
      declared(filter.column(), filter.op())
          .ifPresent(
              def ->
                  FilterValues.write(def.format(), filter.value(), upper(def.op()))
                      .ifPresent(written -> out.put(def.param(), written.text())));
    }
    return out;
  }

  /** The first declared filter on the column that returns every row {@code op} keeps. */
  private Optional<FilterDef> declared(int column, String op) {
    if (column < feed.parameters().size() || column >= shape.size()) {
      return Optional.empty();
    }
    String name = shape.columns().get(column).name().toLowerCase(Locale.ROOT);
    for (FilterDef def : feed.filters()) {
      if (def.column().toLowerCase(Locale.ROOT).equals(name) && covers(def.op(), op)) {
        return Optional.of(def);
      }
    }
    return Optional.empty();
  }

  private static boolean covers(String declared, String asked) {
    return switch (declared) {
      case ">=" -> asked.equals(">=") || asked.equals(">") || asked.equals("=");
      case "<=" -> asked.equals("<=") || asked.equals("<") || asked.equals("=");
      default -> declared.equals(asked);
    };
  }

  private static boolean upper(String op) {
    return op.startsWith("<");
  }
}
