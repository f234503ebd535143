package dev.arrowtap.plan;

import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import dev.arrowtap.types.TableShape;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The Calcite types of arrowtap's column types and table shapes; Calcite stays above execution. */
public final class SqlTypes {
  private SqlTypes() {}

  /** The SQL type Calcite sees for a column type; JSON columns are text. */
  public static SqlTypeName sqlType(ColumnType type) {
    return switch (type) {
      case BOOLEAN -> SqlTypeName.BOOLEAN;
      case BIGINT -> SqlTypeName.BIGINT;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case DECIMAL -> SqlTypeName.DECIMAL;
      case VARCHAR, JSON -> SqlTypeName.VARCHAR;
      case DATE -> SqlTypeName.DATE;
      case TIMESTAMP -> SqlTypeName.TIMESTAMP;
      case TIMESTAMP_LTZ -> SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
      case BIGINT_ARRAY, DOUBLE_ARRAY, VARCHAR_ARRAY, BOOLEAN_ARRAY -> SqlTypeName.ARRAY;
    };
  }

  /** The row type of a table shape, with each column's nullability. */
  public static RelDataType rowType(TableShape shape, RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column column : shape.columns()) {
      SqlTypeName sqlType = sqlType(column.type());
      RelDataType type =
          switch (column.type()) {
            case DECIMAL -> typeFactory.createSqlType(sqlType, column.precision(), column.scale());
            case TIMESTAMP, TIMESTAMP_LTZ -> typeFactory.createSqlType(sqlType, 3);
            case BIGINT_ARRAY, DOUBLE_ARRAY, VARCHAR_ARRAY, BOOLEAN_ARRAY ->
                typeFactory.createArrayType(
                    typeFactory.createTypeWithNullability(
                        typeFactory.createSqlType(sqlType(column.type().element())), true),
                    -1);
            default -> typeFactory.createSqlType(sqlType);
          };
      builder.add(column.name(), typeFactory.createTypeWithNullability(type, column.nullable()));
    }
    return builder.build();
  }
}
