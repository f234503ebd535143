package dev.arrowtap.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with sums that cannot wrap, as in PostgreSQL: {@code SUM} of an integer
 * type is a DECIMAL(38, 0) (PostgreSQL's NUMERIC), and DECIMAL goes up to 38 digits. Calcite's
 * default keeps the argument's type, so the sum of two large BIGINTs came back negative. (A smaller
 * integer's sum is a DECIMAL too, not a BIGINT: the planner re-derives a sum's type from its
 * widened argument, so the widened type must map to itself.)
 */
public final class ArrowtapTypeSystem extends RelDataTypeSystemImpl {
  /** Named by Calcite's {@code typeSystem} connection property. */
  public static final ArrowtapTypeSystem INSTANCE = new ArrowtapTypeSystem();

  /** DECIMAL(38, s), as declared DECIMAL columns and Arrow's 128-bit decimals allow. */
  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
  }

  private static final int MAX_DECIMAL = 38;

  /**
   * TIMESTAMP without a precision keeps milliseconds, arrowtap's timestamp precision: Calcite's
   * default of 0 made {@code CAST(x AS TIMESTAMP)} drop them.
   */
  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 3;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  /**
   * The average of a DECIMAL(p, s) is a DECIMAL(38, max(s, 6)), as exact as the sum it divides:
   * Calcite's DECIMAL(p, s) rounded the average to the argument's scale and overflowed where the
   * sum did not.
   */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() != SqlTypeName.DECIMAL) {
      return super.deriveAvgAggType(typeFactory, argumentType);
    }
    RelDataType average =
        typeFactory.createSqlType(
            SqlTypeName.DECIMAL, MAX_DECIMAL, Math.max(argumentType.getScale(), 6));
    return typeFactory.createTypeWithNullability(average, argumentType.isNullable());
  }

  /**
   * {@code CASE WHEN ... THEN 'pos' ELSE 'negative' END} and {@code VALUES ('a'), ('bc')} are
   * VARCHAR, as in PostgreSQL and DuckDB: Calcite's default CHAR of the longest literal padded
   * {@code 'pos'} with blanks.
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    SqlTypeName name = argumentType.getSqlTypeName();
    RelDataType sum =
        switch (name) {
          case BIGINT, INTEGER, SMALLINT, TINYINT ->
              typeFactory.createSqlType(SqlTypeName.DECIMAL, getMaxNumericPrecision(), 0);
          default -> null;
        };
    if (sum == null) {
      return super.deriveSumType(typeFactory, argumentType);
    }
    return typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
  }
}
