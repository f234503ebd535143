package dev.arrowtap.engine;

import java.sql.Types;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * JDBC's sizes of a column, the one rule that result set metadata and {@code getColumns} share:
 * {@code getPrecision} is {@code COLUMN_SIZE} (0 where that is null, "not applicable"), {@code
 * getScale} is {@code DECIMAL_DIGITS}. Calcite gives a TIMESTAMP(3) a precision of 3 and an
 * unbounded VARCHAR a display size of -1; tools size their grids and casts from these numbers.
 */
public final class JdbcColumns {
  /** The size of a VARCHAR or VARBINARY declared without a length, as PostgreSQL reports text. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  private JdbcColumns() {}

  /**
   * JDBC's COLUMN_SIZE: digits of a number, characters of a text or of a date and time as text,
   * bytes of a binary; null where the size does not apply (arrays, nested types).
   *
   * @param precision the declared precision (length, or fractional-second digits), negative when
   *     none was declared
   */
  public static Integer columnSize(int jdbcType, int precision) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> 1;
      case Types.TINYINT -> 3;
      case Types.SMALLINT -> 5;
      case Types.INTEGER -> 10;
      case Types.BIGINT -> 19;
      case Types.REAL -> 7;
      case Types.FLOAT, Types.DOUBLE -> 15;
      case Types.DECIMAL, Types.NUMERIC -> precision < 0 ? null : precision;
      case Types.DATE -> 10;
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> 8 + fraction(precision);
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> 19 + fraction(precision);
      case Types.CHAR,
              Types.VARCHAR,
              Types.LONGVARCHAR,
              Types.NCHAR,
              Types.NVARCHAR,
              Types.BINARY,
              Types.VARBINARY,
              Types.LONGVARBINARY ->
          precision < 0 ? UNBOUNDED : precision;
      default -> null;
    };
  }

  /** JDBC's DECIMAL_DIGITS: digits after the point, fractional-second digits; else null. */
  public static Integer decimalDigits(int jdbcType, int precision, int scale) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 0;
      case Types.DECIMAL, Types.NUMERIC -> Math.max(scale, 0);
      case Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          Math.max(precision, 0);
      default -> null;
    };
  }

  /** The widest value as {@code getString} writes it, sign and point included. */
  public static int displaySize(int jdbcType, int precision, int scale) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> 5; // false
      case Types.TINYINT -> 4;
      case Types.SMALLINT -> 6;
      case Types.INTEGER -> 11;
      case Types.BIGINT -> 20;
      case Types.REAL -> 15; // -1.2345678E-38
      case Types.FLOAT, Types.DOUBLE -> 24; // -1.2345678901234567E-308
      case Types.DECIMAL, Types.NUMERIC -> precision < 0 ? 40 : precision + (scale > 0 ? 2 : 1);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY ->
          precision < 0 ? UNBOUNDED : (int) Math.min(UNBOUNDED, 2L * precision); // hex
      default -> {
        Integer size = columnSize(jdbcType, precision);
        yield size == null ? UNBOUNDED : size;
      }
    };
  }

  /**
   * Whether a WHERE can compare the column with {@code =}, {@code <} or LIKE: every scalar type;
   * arrays and nested values are searched through UNNEST or a function, not compared whole.
   */
  public static boolean searchable(int jdbcType) {
    return switch (jdbcType) {
      case Types.ARRAY, Types.STRUCT, Types.JAVA_OBJECT, Types.OTHER, Types.NULL -> false;
      default -> true;
    };
  }

  /**
   * Puts JDBC's precision, scale, display size and searchability into a prepared statement's column
   * metadata, which both driver modes hand to {@code ResultSetMetaData}.
   */
  static <T> CalciteSignature<T> correct(CalciteSignature<T> signature) {
    RelDataType rowType = signature.rowType;
    List<ColumnMetaData> columns = signature.columns;
    if (rowType == null || !rowType.isStruct() || rowType.getFieldCount() != columns.size()) {
      return signature;
    }
    List<RelDataTypeField> fields = rowType.getFieldList();
    for (int i = 0; i < columns.size(); i++) {
      // Calcite builds this list for the signature alone (an ArrayList), so it is corrected in
      // place: the signature's other parts (its compiled code) have no public constructor path.
      columns.set(i, corrected(columns.get(i), fields.get(i).getType()));
    }
    return signature;
  }

  private static ColumnMetaData corrected(ColumnMetaData column, RelDataType type) {
    int jdbcType = column.type.id;
    int precision = type.getPrecision();
    int scale = type.getScale();
    Integer size = columnSize(jdbcType, precision);
    Integer digits = decimalDigits(jdbcType, precision, scale);
    return new ColumnMetaData(
        column.ordinal,
        column.autoIncrement,
        column.caseSensitive,
        searchable(jdbcType),
        column.currency,
        column.nullable,
        column.signed,
        displaySize(jdbcType, precision, scale),
        column.label,
        column.columnName,
        column.schemaName,
        // Avatica's client formats a time's fraction with as many digits as the precision says,
        // so times keep their fractional digits here; the driver's ResultSetMetaData reports
        // COLUMN_SIZE (dev.arrowtap.jdbc.ColumnSizes).
        datetime(jdbcType) ? Math.max(precision, 0) : size == null ? 0 : size,
        digits == null ? 0 : digits,
        column.tableName,
        column.catalogName,
        column.type,
        column.readOnly,
        column.writable,
        column.definitelyWritable,
        column.columnClassName);
  }

  private static boolean datetime(int jdbcType) {
    return switch (jdbcType) {
      case Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          true;
      default -> false;
    };
  }

  private static int fraction(int precision) {
    return precision > 0 ? precision + 1 : 0;
  }
}
