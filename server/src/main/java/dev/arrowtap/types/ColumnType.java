package dev.arrowtap.types;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The SQL column types arrowtap produces, each with its Arrow storage type; their Calcite types are
 * in {@code dev.arrowtap.plan.SqlTypes}.
 */
@SuppressWarnings("ImmutableEnumChecker") // ArrowType values are immutable, though not annotated
public enum ColumnType {
  BOOLEAN(ArrowType.Bool.INSTANCE),
  BIGINT(new ArrowType.Int(64, true)),
  DOUBLE(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  /**
   * Exact numbers: DECIMAL(38, 0) when inferred (integers beyond the 64-bit range), any precision
   * and scale when declared (see {@link Column}).
   */
  DECIMAL(new ArrowType.Decimal(38, 0, 128)),
  VARCHAR(ArrowType.Utf8.INSTANCE),
  DATE(new ArrowType.Date(DateUnit.DAY)),
  TIMESTAMP(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
  /**
   * TIMESTAMP WITH LOCAL TIME ZONE: an instant (UTC milliseconds), for JSON that carries offsets;
   * JDBC reads it as an {@code Instant} or {@code OffsetDateTime}. Declared as {@code timestamptz}.
   */
  TIMESTAMP_LTZ(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
  /** Nested objects and arrays, shown as JSON text that JSON_VALUE and JSON_QUERY read. */
  JSON(ArrowType.Utf8.INSTANCE),
  /** A JSON array of integers declared as {@code array<bigint>}: SQL's BIGINT ARRAY. */
  BIGINT_ARRAY(ArrowType.List.INSTANCE),
  /** A JSON array of numbers declared as {@code array<double>}. */
  DOUBLE_ARRAY(ArrowType.List.INSTANCE),
  /** A JSON array of strings declared as {@code array<varchar>}. */
  VARCHAR_ARRAY(ArrowType.List.INSTANCE),
  /** A JSON array of booleans declared as {@code array<boolean>}. */
  BOOLEAN_ARRAY(ArrowType.List.INSTANCE);

  /** {@code ARRAY<BIGINT>} (Spark, Hive, DuckDB) or {@code BIGINT ARRAY} (SQL). */
  private static final Pattern ARRAY =
      Pattern.compile("^(?:ARRAY ?< ?([A-Z ]+?) ?>|([A-Z]+) ARRAY)$");

  private final ArrowType arrowType;

  ColumnType(ArrowType arrowType) {
    this.arrowType = arrowType;
  }

  /** The type as SQL writes it. */
  public String sqlName() {
    if (this == TIMESTAMP_LTZ) {
      return "TIMESTAMP WITH LOCAL TIME ZONE";
    }
    ColumnType element = element();
    return element == null ? name() : element.name() + " ARRAY";
  }

  /** The element type of an ARRAY type; null for the others. */
  public ColumnType element() {
    return switch (this) {
      case BIGINT_ARRAY -> BIGINT;
      case DOUBLE_ARRAY -> DOUBLE;
      case VARCHAR_ARRAY -> VARCHAR;
      case BOOLEAN_ARRAY -> BOOLEAN;
      default -> null;
    };
  }

  /** The ARRAY type of an element type; null when arrays of it are not offered. */
  public static ColumnType arrayOf(ColumnType element) {
    for (ColumnType type : values()) {
      if (type.element() == element) {
        return type;
      }
    }
    return null;
  }

  public ArrowType arrowType() {
    return arrowType;
  }

  /** Parses a type name as written in a catalog file, case-insensitively; null if unknown. */
  public static ColumnType fromName(String name) {
    String upper = name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    Matcher array = ARRAY.matcher(upper);
    if (array.matches()) {
      ColumnType element = fromName(array.group(1) != null ? array.group(1) : array.group(2));
      return element == null ? null : arrayOf(element);
    }
    return switch (upper) {
      case "TIMESTAMPTZ", "TIMESTAMP WITH LOCAL TIME ZONE" -> TIMESTAMP_LTZ;
      case "INT", "INTEGER", "LONG" -> BIGINT;
      case "FLOAT", "REAL", "NUMBER" -> DOUBLE;
      case "STRING", "TEXT" -> VARCHAR;
      case "BOOL" -> BOOLEAN;
      default -> byName(upper);
    };
  }

  private static ColumnType byName(String upper) {
    for (ColumnType type : values()) {
      if (type.name().equals(upper)) {
        return type;
      }
    }
    return null;
  }
}
