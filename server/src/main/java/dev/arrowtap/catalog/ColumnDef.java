package dev.arrowtap.catalog;

import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.util.Objects;

/** A declared column: its name, type, JSON Pointer into the record and time format. */
public record ColumnDef(String name, ColumnType type, String path, String format) {
  public ColumnDef {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(path, "path is null");
  }

  public ColumnBinding binding() {
    return new ColumnBinding(new Column(name, type, true), path, format);
  }
}
