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
 * casts it to Long and fails. Reading the elements as numbers converts them instead. Also spells
 * Calcite's TIMESTAMP_WITH_LOCAL_TIME_ZONE as SQL does, the name getColumnTypeName shows.
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

  /** The SQL name of TIMESTAMP WITH LOCAL TIME ZONE, as result metadata shows it. */
  static final String LOCAL_TIME_ZONE = "TIMESTAMP WITH LOCAL TIME ZONE";

  /** The engine's own name of the type, as a parameter's metadata gives it. */
  static final String LOCAL_TIME_ZONE_PARAMETER = "TIMESTAMP_WITH_LOCAL_TIME_ZONE";

  private static final String CALCITE_LOCAL_TIME_ZONE = LOCAL_TIME_ZONE_PARAMETER;

  private ArrayColumns() {}

  static Meta.Signature readable(Meta.Signature signature) {
    if (signature == null || signature.columns == null) {
      return signature;
    }
    if (signature.columns.stream()
        .noneMatch(column -> needsNumbers(column) || isLocalTimeZone(column))) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    for (ColumnMetaData column : signature.columns) {
      if (needsNumbers(column)) {
        columns.add(readable(column));
      } else if (isLocalTimeZone(column)) {
        columns.add(
            withType(
                column, ColumnMetaData.scalar(column.type.id, LOCAL_TIME_ZONE, column.type.rep)));
      } else {
        columns.add(column);
      }
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

  private static boolean isLocalTimeZone(ColumnMetaData column) {
    return column.type != null && column.type.name.startsWith(CALCITE_LOCAL_TIME_ZONE);
  }

  private static ColumnMetaData readable(ColumnMetaData column) {
    ColumnMetaData.ArrayType array = (ColumnMetaData.ArrayType) column.type;
    ColumnMetaData.AvaticaType component =
        ColumnMetaData.scalar(
            array.getComponent().id, array.getComponent().name, ColumnMetaData.Rep.NUMBER);
    return withType(column, ColumnMetaData.array(component, array.name, array.rep));
  }

  private static ColumnMetaData withType(ColumnMetaData column, ColumnMetaData.AvaticaType type) {
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
