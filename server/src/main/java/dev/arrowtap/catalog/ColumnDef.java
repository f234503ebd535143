package dev.arrowtap.catalog;

import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.util.Objects;

/**
 * A declared column: its name, type, JSON Pointer into the record and time format.
 *
 * @param precision for DECIMAL(p, s), p; 0 for other types
 * @param scale for DECIMAL(p, s), s; 0 for other types
 */
public record ColumnDef(
    String name, ColumnType type, String path, String format, int precision, int scale) {
  public ColumnDef {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(path, "path is null");
    new Column(name, type, true, precision, scale); // validates precision and scale
  }

  /** A column of its type's default shape (DECIMAL is DECIMAL(38, 0)). */
  public ColumnDef(String name, ColumnType type, String path, String format) {
    this(name, type, path, format, type == ColumnType.DECIMAL ? Column.MAX_PRECISION : 0, 0);
  }

  public ColumnBinding binding() {
    return new ColumnBinding(new Column(name, type, true, precision, scale), path, format);
  }
}
