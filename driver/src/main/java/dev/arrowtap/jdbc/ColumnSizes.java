package dev.arrowtap.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * The columns a {@code ResultSetMetaData} describes, as {@code getColumns} does. The engine sends a
 * time's fractional-second digits as its precision, which Avatica's getters need to format the
 * value; JDBC's {@code getPrecision} is the length of the value's text (23 for a TIMESTAMP(3)), and
 * the type is spelled as SQL spells it.
 */
final class ColumnSizes {
  private static final String LOCAL_TIME_ZONE = "TIMESTAMP_WITH_LOCAL_TIME_ZONE";

  private ColumnSizes() {}

  static Meta.Signature forMetaData(Meta.Signature signature) {
    if (signature == null || signature.columns == null) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    for (ColumnMetaData column : signature.columns) {
      columns.add(described(column));
    }
    return Meta.Signature.create(
        columns,
        signature.sql,
        signature.parameters,
        signature.cursorFactory,
        signature.statementType);
  }

  private static ColumnMetaData described(ColumnMetaData column) {
    int base =
        switch (column.type.id) {
          case Types.TIME, Types.TIME_WITH_TIMEZONE -> 8;
          case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> 19;
          default -> -1;
        };
    boolean spelled = column.type.name != null && column.type.name.contains(LOCAL_TIME_ZONE);
    if (base < 0 && !spelled) {
      return column;
    }
    int fraction = column.precision;
    ColumnMetaData.AvaticaType type =
        spelled && column.type.getClass() == ColumnMetaData.ScalarType.class
            ? ColumnMetaData.scalar(
                column.type.id,
                column.type.name.replace(LOCAL_TIME_ZONE, "TIMESTAMP WITH LOCAL TIME ZONE"),
                column.type.rep)
            : column.type;
    return new ColumnMetaData(
        column.ordinal,
        column.autoIncrement,
        column.caseSensitive,
        column.searchable,
        column.currency,
        column.nullable,
        column.signed,
        column.displaySize,
        column.label,
        column.columnName,
        column.schemaName,
        base < 0 ? column.precision : base + (fraction > 0 ? fraction + 1 : 0),
        base < 0 ? column.scale : fraction,
        column.tableName,
        column.catalogName,
        type,
        column.readOnly,
        column.writable,
        column.definitelyWritable,
        column.columnClassName);
  }
}
