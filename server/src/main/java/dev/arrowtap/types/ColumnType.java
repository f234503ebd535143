package dev.arrowtap.types;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.sql.type.SqlTypeName;

/** The SQL column types arrowtap produces, each with its Arrow storage type. */
public enum ColumnType {
  BOOLEAN(SqlTypeName.BOOLEAN, ArrowType.Bool.INSTANCE),
  BIGINT(SqlTypeName.BIGINT, new ArrowType.Int(64, true)),
  DOUBLE(SqlTypeName.DOUBLE, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  /**
   * Exact numbers: DECIMAL(38, 0) when inferred (integers beyond the 64-bit range), any precision
   * and scale when declared (see {@link Column}).
   */
  DECIMAL(SqlTypeName.DECIMAL, new ArrowType.Decimal(38, 0, 128)),
  VARCHAR(SqlTypeName.VARCHAR, ArrowType.Utf8.INSTANCE),
  DATE(SqlTypeName.DATE, new ArrowType.Date(DateUnit.DAY)),
  TIMESTAMP(SqlTypeName.TIMESTAMP, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
  /** Nested objects and arrays, shown as JSON text that JSON_VALUE and JSON_QUERY read. */
  JSON(SqlTypeName.VARCHAR, ArrowType.Utf8.INSTANCE);

  private final SqlTypeName sqlType;
  private final ArrowType arrowType;

  ColumnType(SqlTypeName sqlType, ArrowType arrowType) {
    this.sqlType = sqlType;
    this.arrowType = arrowType;
  }

  public SqlTypeName sqlType() {
    return sqlType;
  }

  public ArrowType arrowType() {
    return arrowType;
  }

  /** Parses a type name as written in a catalog file, case-insensitively; null if unknown. */
  public static ColumnType fromName(String name) {
    String upper = name.trim().toUpperCase(java.util.Locale.ROOT);
    switch (upper) {
      case "INT":
      case "INTEGER":
      case "LONG":
        return BIGINT;
      case "FLOAT":
      case "REAL":
      case "NUMBER":
        return DOUBLE;
      case "STRING":
      case "TEXT":
        return VARCHAR;
      case "BOOL":
        return BOOLEAN;
      default:
        for (ColumnType type : values()) {
          if (type.name().equals(upper)) {
            return type;
          }
        }
        return null;
    }
  }
}
