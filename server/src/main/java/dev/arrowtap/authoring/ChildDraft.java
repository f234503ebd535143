package dev.arrowtap.authoring;

import java.util.List;
import java.util.Objects;

/**
 * An array of objects inside a record, to become a child table.
 *
 * @param name the array's field name, the child table's suffix
 * @param path the JSON Pointer to the array in the record
 * @param columns the element's columns, relative to one element
 */
record ChildDraft(String name, String path, List<ColumnDraft> columns) {
  ChildDraft {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    columns = List.copyOf(columns);
  }
}
