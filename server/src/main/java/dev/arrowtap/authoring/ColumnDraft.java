package dev.arrowtap.authoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column to write into a catalog.
 *
 * @param path the JSON Pointer in the record; null when it is {@code /name}
 * @param note a comment for the column, or null
 */
record ColumnDraft(String name, String type, String path, String note) {
  ColumnDraft {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
  }

  /** The catalog entry: {@code { name: ..., type: ..., path: ... }} with its note. */
  Object entry() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("type", type);
    if (path != null) {
      map.put("path", path);
    }
    return note == null ? map : Commented.of(map, note);
  }
}
