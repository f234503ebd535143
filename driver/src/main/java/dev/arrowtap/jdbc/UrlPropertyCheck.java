package dev.arrowtap.jdbc;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * Refuses a property written in a {@code jdbc:arrowtap:} URL that neither arrowtap nor Avatica
 * knows, naming the nearest known ones: {@code catalgo=} is a typo whose silent loss would only
 * show up later as a missing table. Properties a tool passes as a {@link Properties} object are not
 * checked, since tools (Spark's JDBC source, for one) pass options of their own that way.
 */
final class UrlPropertyCheck {
  /** Session properties the server reads that the driver's property list does not describe. */
  private static final List<String> SESSION_ONLY = List.of("max_requests");

  private UrlPropertyCheck() {}

  /** Every name a URL may set, arrowtap's first. */
  static Set<String> known() {
    Set<String> names = new LinkedHashSet<>();
    for (ArrowtapProperty property : ArrowtapProperty.values()) {
      names.add(property.key());
    }
    names.addAll(SESSION_ONLY);
    for (BuiltInConnectionProperty property : BuiltInConnectionProperty.values()) {
      names.add(property.camelName());
    }
    return names;
  }

  /**
   * Checks the {@code key=value;...} part of a URL.
   *
   * @throws SQLException (08001) for a property no one knows
   */
  static void check(String pairs) throws SQLException {
    Properties given = ConnectStringParser.parse(pairs);
    Set<String> known = known();
    Set<String> lower = new LinkedHashSet<>();
    for (String name : known) {
      lower.add(name.toLowerCase(Locale.ROOT));
    }
    for (String name : given.stringPropertyNames()) {
      if (lower.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      List<String> nearest = NearestNames.of(name, known, 3);
      String hint =
          nearest.isEmpty()
              ? "; arrowtap's properties are "
                  + String.join(", ", arrowtapNames())
                  + " (docs/connecting.md)"
              : "; did you mean " + String.join(" or ", nearest) + "?";
      throw new SQLException(
          "unknown property '" + name + "' in the jdbc:arrowtap: URL" + hint, "08001");
    }
  }

  private static List<String> arrowtapNames() {
    List<String> names = new java.util.ArrayList<>();
    for (ArrowtapProperty property : ArrowtapProperty.values()) {
      names.add(property.key());
    }
    names.addAll(SESSION_ONLY);
    return names;
  }
}
