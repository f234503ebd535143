package dev.arrowtap.decode;

import dev.arrowtap.types.Column;
import java.util.Objects;

/**
 * One output column and where its value is in a record.
 *
 * @param pointer a JSON Pointer relative to the record, such as {@code /id} or {@code
 *     /address/city}
 * @param format for DATE and TIMESTAMP: null for ISO-8601, a java.time pattern, or epoch_seconds /
 *     epoch_millis
 */
public record ColumnBinding(Column column, String pointer, String format) {
  public ColumnBinding {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(pointer, "pointer is null");
  }
}
