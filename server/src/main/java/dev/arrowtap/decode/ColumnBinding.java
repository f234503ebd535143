package dev.arrowtap.decode;

import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.util.Objects;

/**
 * One output column and where its value is in a record.
 *
 * @param pointer a JSON Pointer relative to the record, such as {@code /id} or {@code
 *     /address/city}
 * @param format for DATE and TIMESTAMP only: null for ISO-8601, a {@code java.time} pattern, or
 *     {@code epoch_seconds} / {@code epoch_millis}
 */
public record ColumnBinding(Column column, String pointer, String format) {
  public ColumnBinding {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(pointer, "pointer is null");
    if (pointer.isEmpty()) {
      throw new IllegalArgumentException(
          "pointer of column " + column.name() + " is empty: a column is a value inside a record");
    }
    JsonPointers.parse(pointer);
    if (format != null) {
      if (column.type() != ColumnType.DATE
          && column.type() != ColumnType.TIMESTAMP
          && column.type() != ColumnType.TIMESTAMP_LTZ) {
        throw new IllegalArgumentException(
            "format is only for DATE and TIMESTAMP columns, column "
                + column.name()
                + " is "
                + column.type());
      }
      TimeFormat.of(format); // fails early on a bad pattern
    }
  }

  /** A column at {@code /<name>} with ISO-8601 dates and times. */
  public static ColumnBinding of(Column column) {
    return new ColumnBinding(column, JsonPointers.escape(column.name()), null);
  }
}
