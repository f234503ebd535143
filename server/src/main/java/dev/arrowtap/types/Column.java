package dev.arrowtap.types;

import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** One column of a scan: its name as declared, its type and whether it may be NULL. */
public record Column(String name, ColumnType type, boolean nullable) {
  public Column {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
  }

  /** The Arrow field that stores this column. */
  public Field toField() {
    return new Field(name, new FieldType(nullable, type.arrowType(), null), null);
  }
}
