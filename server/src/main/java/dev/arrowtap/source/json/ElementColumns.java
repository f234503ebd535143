package dev.arrowtap.source.json;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns {@code unnest_json} makes of each element, from a list such as {@code 'sku VARCHAR,
 * qty BIGINT, price DECIMAL(10, 2)'}: each column is the element's field of that name, typed as a
 * catalog column of that type is.
 */
final class ElementColumns {
  private static final Pattern ENTRY =
      Pattern.compile("\\s*(?:\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_]*))\\s+(.+?)\\s*");
  private static final Pattern DECIMAL =
      Pattern.compile(
          "(?i)(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d{1,3})\\s*(?:,\\s*(\\d{1,3})\\s*)?\\)");

  private ElementColumns() {}

  /** The bindings for the list; an error naming the entry when one is not a name and a type. */
  static List<ColumnBinding> parse(String list) {
    if (list == null || list.isBlank()) {
      throw invalid("needs its columns as a literal, such as 'sku VARCHAR, qty BIGINT'");
    }
    List<ColumnBinding> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : split(list)) {
      Matcher matcher = ENTRY.matcher(entry);
      if (!matcher.matches()) {
        throw invalid("expected a column name and a type, got '" + entry.trim() + "'");
      }
      String name =
          matcher.group(1) != null ? matcher.group(1).replace("\"\"", "\"") : matcher.group(2);
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw invalid("column '" + name + "' is named twice (names are case-insensitive)");
      }
      columns.add(ColumnBinding.of(column(name, matcher.group(3))));
    }
    return columns;
  }

  private static Column column(String name, String typeName) {
    Matcher decimal = DECIMAL.matcher(typeName);
    if (decimal.matches()) {
      int precision = Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      if (precision < 1 || precision > Column.MAX_PRECISION || scale > precision) {
        throw invalid(
            "column "
                + name
                + ": DECIMAL(p, s) needs 1 <= p <= "
                + Column.MAX_PRECISION
                + " and 0 <= s <= p, got '"
                + typeName
                + "'");
      }
      return new Column(name, ColumnType.DECIMAL, true, precision, scale);
    }
    ColumnType type = ColumnType.fromName(typeName);
    if (type == null) {
      throw invalid(
          "column "
              + name
              + ": expected one of BOOLEAN, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR, DATE,"
              + " TIMESTAMP, TIMESTAMPTZ, JSON or an ARRAY of a scalar type, got '"
              + typeName
              + "'");
    }
    return new Column(name, type, true);
  }

  /** The entries of the list, split at commas outside parentheses and quotes. */
  private static List<String> split(String list) {
    List<String> entries = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        entries.add(list.substring(from, i));
        from = i + 1;
      }
    }
    entries.add(list.substring(from));
    return entries;
  }

  private static ArrowtapException invalid(String problem) {
    return new ArrowtapException(SqlStates.INVALID_ARGUMENT, "unnest_json: " + problem);
  }
}
