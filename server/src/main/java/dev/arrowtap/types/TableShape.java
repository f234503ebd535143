package dev.arrowtap.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The ordered columns of a table, with their Arrow schema. */
public record TableShape(List<Column> columns) {
  public TableShape {
    columns = List.copyOf(columns);
    Set<String> seen = new HashSet<>();
    for (Column column : columns) {
      // Unquoted names are matched case-insensitively, so names may not differ only in case.
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "duplicate column name (names are case-insensitive): " + column.name());
      }
    }
  }

  public Schema arrowSchema() {
    List<Field> fields = new ArrayList<>(columns.size());
    for (Column column : columns) {
      fields.add(column.toField());
    }
    return new Schema(fields);
  }

  public int size() {
    return columns.size();
  }
}
