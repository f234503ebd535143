package dev.arrowtap.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a table's {@code children}: its arrays of objects declared as child tables. */
final class ChildTables {
  private ChildTables() {}

  static List<ChildTableDef> read(NodeReader table) {
    if (!table.has("children")) {
      return List.of();
    }
    List<ColumnDef> parentColumns = table.has("columns") ? CatalogLoader.columns(table) : List.of();
    Set<String> names = new HashSet<>();
    List<ChildTableDef> children = new ArrayList<>();
    for (NodeReader child : table.list("children", true)) {
      child.allowOnly("name", "path", "keys", "columns");
      String name = child.string("name");
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw child.error(
            "name", "expected a name of letters, digits and underscores, got '" + name + "'");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw child.error("name", "child '" + name + "' is declared twice");
      }
      String path = child.string("path", "/" + name);
      if (!path.startsWith("/")) {
        throw child.error("path", "expected a JSON Pointer such as /items, got '" + path + "'");
      }
      List<String> keyNames =
          child.has("keys")
              ? child.strings("keys")
              : parentColumns.stream()
                  .map(ColumnDef::name)
                  .filter(n -> n.equalsIgnoreCase("id"))
                  .toList();
      List<ColumnDef> keys = new ArrayList<>();
      for (String key : keyNames) {
        ColumnDef column =
            parentColumns.stream()
                .filter(c -> c.name().equalsIgnoreCase(key))
                .findFirst()
                .orElse(null);
        if (column == null) {
          throw child.error(
              "keys",
              parentColumns.isEmpty()
                  ? "the parent's columns must be declared to use '" + key + "' as a key"
                  : "no column '" + key + "' among the parent's declared columns");
        }
        keys.add(column);
      }
      if (!child.has("columns")) {
        throw child.error("columns", "missing; declare the element's columns");
      }
      List<ColumnDef> columns = CatalogLoader.columns(child);
      Set<String> taken = new HashSet<>();
      keys.forEach(k -> taken.add(ChildTableDef.keyColumn(k.name()).toLowerCase(Locale.ROOT)));
      taken.add(ChildTableDef.INDEX_COLUMN);
      for (NodeReader parameter : table.list("parameters", false)) {
        taken.add(parameter.string("name").toLowerCase(Locale.ROOT));
      }
      for (ColumnDef column : columns) {
        if (!taken.add(column.name().toLowerCase(Locale.ROOT))) {
          throw child.error(
              "columns",
              "column '"
                  + column.name()
                  + "' has the name of a key, the index or a parameter of the child table");
        }
      }
      children.add(new ChildTableDef(name, path, keys, columns));
    }
    return children;
  }

  /** A child table's name must not be a table of the schema already. */
  static void checkNames(NodeReader table, List<FeedDef> feeds) {
    Set<String> seen = new HashSet<>();
    for (FeedDef feed : feeds) {
      if (!seen.add(feed.name().toLowerCase(Locale.ROOT))) {
        throw table.error(
            "children",
            "table '" + feed.name() + "' would be declared twice in schema " + feed.schema());
      }
    }
  }
}
