package dev.arrowtap.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Lets numeric ARRAY columns read back as their declared type. Over JSON a BIGINT element arrives
 * as whatever Java number fits it (often an Integer), and Avatica's accessor for a BIGINT element
 * casts it to Long and fails. Reading the elements as numbers converts them instead.
 */
final class ArrayColumns {
  private static final Set<Integer> NUMERIC =
      Set.of(
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE);

  private ArrayColumns() {}

  static Meta.Signature readable(Meta.Signature signature) {
    if (signature == null || signature.columns == null) {
      return signature;
    }
    if (signature.columns.stream().noneMatch(ArrayColumns::needsNumbers)) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    for (ColumnMetaData column : signature.columns) {
      columns.add(needsNumbers(column) ? readable(column) : column);
    }
    return new Meta.Signature(
        columns,
        signature.sql,
        signature.parameters,
        signature.internalParameters,
        signature.cursorFactory,
        signature.statementType);
  }

  private static boolean needsNumbers(ColumnMetaData column) {
    return column.type instanceof ColumnMetaData.ArrayType array
        && NUMERIC.contains(array.getComponent().id)
        && array.getComponent().rep != ColumnMetaData.Rep.NUMBER;
  }

  private static ColumnMetaData readable(ColumnMetaData column) {
    ColumnMetaData.ArrayType array = (ColumnMetaData.ArrayType) column.type;
    ColumnMetaData.AvaticaType component =
        ColumnMetaData.scalar(
            array.getComponent().id, array.getComponent().name, ColumnMetaData.Rep.NUMBER);
    ColumnMetaData.ArrayType type = ColumnMetaData.array(component, array.name, array.rep);
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
        column.precision,
        column.scale,
        column.tableName,
        column.catalogName,
        type,
        column.readOnly,
        column.writable,
        column.definitelyWritable,
        column.columnClassName);
  }
}
