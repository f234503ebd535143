package dev.arrowtap.catalog;

import dev.arrowtap.types.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An array of objects inside a feed's records, declared as a table of its own ({@code
 * orders__items}): the parent's key columns ({@code parent_id}), the element's index ({@code
 * element_index}) and the element's fields. It reads the parent's feed (same requests, pages,
 * parameters) and makes a row of each element.
 *
 * @param name the child's name; the table is {@code <parent>__<name>}
 * @param path the JSON Pointer of the array inside a parent record
 * @param keys the parent's columns copied to every row, as {@code parent_<name>}
 * @param columns the element's columns, their paths relative to one element
 */
public record ChildTableDef(
    String name, String path, List<ColumnDef> keys, List<ColumnDef> columns) {
  /** The column holding the element's position in its array, from 0. */
  public static final String INDEX_COLUMN = "element_index";

  public ChildTableDef {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    keys = List.copyOf(keys);
    columns = List.copyOf(columns);
  }

  /** The child table's name under its parent. */
  public String tableName(String parent) {
    return parent + "__" + name;
  }

  /** The child's feed: the parent's requests, a row per element, the child's columns. */
  FeedDef feedOf(FeedDef parent) {
    List<ColumnDef> all = new ArrayList<>();
    for (ColumnDef key : keys) {
      all.add(
          new ColumnDef(
              keyColumn(key.name()),
              key.type(),
              "/p" + key.path(),
              key.format(),
              key.precision(),
              key.scale()));
    }
    all.add(new ColumnDef(INDEX_COLUMN, ColumnType.BIGINT, "/i", null));
    for (ColumnDef column : columns) {
      all.add(
          new ColumnDef(
              column.name(),
              column.type(),
              "/e" + column.path(),
              column.format(),
              column.precision(),
              column.scale()));
    }
    // The parent's filters still go to the API where they compare a key the child shows.
    List<FilterDef> filters = new ArrayList<>();
    Set<String> keyNames = new HashSet<>();
    keys.forEach(key -> keyNames.add(key.name().toLowerCase(Locale.ROOT)));
    for (FilterDef filter : parent.filters()) {
      if (keyNames.contains(filter.column().toLowerCase(Locale.ROOT))) {
        filters.add(
            new FilterDef(
                keyColumn(filter.column()),
                filter.op(),
                filter.param(),
                filter.format(),
                filter.inBody(),
                filter.exact()));
      }
    }
    return parent.toBuilder()
        .name(tableName(parent.name()))
        .description("the elements of " + parent.name() + path)
        .records(parent.records().withElements(path))
        .columns(java.util.Optional.of(all))
        .filters(filters)
        .fields(FieldsDef.NONE)
        .build();
  }

  static String keyColumn(String key) {
    return "parent_" + key;
  }
}
