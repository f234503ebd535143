package dev.arrowtap.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters that filter the records, recognised by their names: {@code since} and {@code
 * until} on a time column, {@code min_x} and {@code max_x} on column x, and a parameter named as a
 * column compared for equality. Every such filter is a guess and says so: it is written {@code
 * exact: false}, so SQL still checks every row it returns.
 */
final class SpecFilters {
  private static final List<String> TIME_COLUMNS =
      List.of("updated_at", "updated", "modified_at", "last_modified", "created_at", "created");
  private static final Set<String> COMPARABLE =
      Set.of("BIGINT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN");

  private SpecFilters() {}

  /** The filter entry for a query parameter, or null when its name says none. */
  static Object filter(String param, JsonNode schema, Map<String, ColumnDraft> columns) {
    String key = param.toLowerCase(Locale.ROOT);
    if (key.equals("since") || key.equals("until")) {
      ColumnDraft time = timeColumn(columns);
      return time == null
          ? null
          : entry(time, key.equals("since") ? ">=" : "<=", param, schema, "its name");
    }
    for (String prefix : List.of("min_", "max_")) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        ColumnDraft column = columns.get(key.substring(prefix.length()));
        if (column != null && COMPARABLE.contains(column.type())) {
          return entry(column, prefix.equals("min_") ? ">=" : "<=", param, schema, "its name");
        }
      }
    }
    ColumnDraft same = columns.get(key);
    if (same != null && COMPARABLE.contains(same.type())) {
      return entry(same, "=", param, schema, "the column of the same name");
    }
    return null;
  }

  private static ColumnDraft timeColumn(Map<String, ColumnDraft> columns) {
    for (String name : TIME_COLUMNS) {
      ColumnDraft column = columns.get(name);
      if (column != null && (column.type().equals("TIMESTAMP") || column.type().equals("DATE"))) {
        return column;
      }
    }
    for (ColumnDraft column : columns.values()) {
      if (column.type().equals("TIMESTAMP")) {
        return column;
      }
    }
    return null;
  }

  private static Object entry(
      ColumnDraft column, String op, String param, JsonNode schema, String why) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("column", column.name());
    filter.put("op", op);
    filter.put("param", param);
    String format = format(column.type(), SchemaResolver.type(schema));
    if (!format.equals("text")) {
      filter.put("format", format);
    }
    filter.put("exact", false);
    return Commented.of(
        filter,
        "guess from "
            + why
            + ": ?"
            + param
            + "= as "
            + column.name()
            + " "
            + op
            + " value (exact: false, so SQL checks the rows again)");
  }

  private static String format(String columnType, String paramType) {
    if (columnType.equals("TIMESTAMP")) {
      return paramType.equals("integer") ? "epoch_seconds" : "iso_datetime";
    }
    if (columnType.equals("DATE")) {
      return "iso_date";
    }
    return "text";
  }
}
