package dev.arrowtap.types;

import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One column of a scan: its name as declared, its type and whether it may be NULL.
 *
 * @param precision for DECIMAL, the most significant digits (1 to 38); 0 for other types
 * @param scale for DECIMAL, the digits after the point (0 to precision); 0 for other types
 */
public record Column(String name, ColumnType type, boolean nullable, int precision, int scale) {
  /** The precision of a DECIMAL declared without one: integers of up to 38 digits. */
  public static final int MAX_PRECISION = 38;

  public Column {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
    if (type == ColumnType.DECIMAL) {
      if (precision < 1 || precision > MAX_PRECISION) {
        throw new IllegalArgumentException(
            "DECIMAL precision is 1 to " + MAX_PRECISION + ", not " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "DECIMAL scale is 0 to the precision (" + precision + "), not " + scale);
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException("only DECIMAL has a precision and scale, not " + type);
    }
  }

  /** A column of the type's default shape; DECIMAL is DECIMAL(38, 0). */
  public Column(String name, ColumnType type, boolean nullable) {
    this(name, type, nullable, type == ColumnType.DECIMAL ? MAX_PRECISION : 0, 0);
  }

  /** The same column, NULL allowed or not. */
  public Column withNullable(boolean allowNull) {
    return new Column(name, type, allowNull, precision, scale);
  }

  /** The type as SQL writes it: {@code DECIMAL(10, 2)}, {@code BIGINT}. */
  public String typeName() {
    return type == ColumnType.DECIMAL
        ? "DECIMAL(" + precision + ", " + scale + ")"
        : type.sqlName();
  }

  /** The Arrow field that stores this column. */
  public Field toField() {
    ArrowType arrowType =
        type == ColumnType.DECIMAL
            ? new ArrowType.Decimal(precision, scale, 128)
            : type.arrowType();
    ColumnType element = type.element();
    List<Field> children =
        element == null
            ? null
            : List.of(new Field("$data$", FieldType.nullable(element.arrowType()), null));
    return new Field(name, new FieldType(nullable, arrowType, null), children);
  }
}
