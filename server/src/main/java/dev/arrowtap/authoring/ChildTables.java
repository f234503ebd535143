package dev.arrowtap.authoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code children} entries of a table: its arrays of objects as child tables. */
final class ChildTables {
  private ChildTables() {}

  /**
   * One entry per array, keyed by the parent's {@code id} column (else its first column, which the
   * entry's comment calls a guess).
   */
  static List<Object> entries(List<ChildDraft> children, List<ColumnDraft> parentColumns) {
    String key = null;
    boolean guessed = false;
    for (ColumnDraft column : parentColumns) {
      if (column.name().equalsIgnoreCase("id")) {
        key = column.name();
      }
    }
    if (key == null && !parentColumns.isEmpty()) {
      key = parentColumns.get(0).name();
      guessed = true;
    }
    List<Object> entries = new ArrayList<>();
    for (ChildDraft child : children) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", child.name());
      if (!child.path().equals("/" + child.name())) {
        entry.put("path", child.path());
      }
      if (key != null) {
        entry.put("keys", List.of(key));
      }
      List<Object> columns = new ArrayList<>();
      child.columns().forEach(column -> columns.add(column.entry()));
      entry.put("columns", columns);
      entries.add(
          guessed
              ? Commented.of(entry, "keys: " + key + " identifies the parent row (a guess)")
              : entry);
    }
    return entries;
  }
}
