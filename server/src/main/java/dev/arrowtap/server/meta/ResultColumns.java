package dev.arrowtap.server.meta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.SqlType;

/**
 * The columns of an engine result as Arrow fields. The engine's own column types are used (an ARRAY
 * column knows its element type there, which JDBC metadata loses); a result with a column that has
 * no Arrow form here (MAP, ROW, intervals, ANY) has none, and travels as rows.
 */
final class ResultColumns {
  /** Rows a result's first batch holds: a small first batch keeps the first row quick. */
  static final int FIRST_BATCH_ROWS = 1024;

  /** Rows a result's later batches hold unless the client asked for another fetch size. */
  static final int BATCH_ROWS = 16_384;

  /** The ARRAY element types written as Arrow lists; other arrays travel as rows. */
  private static final Set<Integer> ELEMENT_TYPES =
      Set.of(
          Types.BOOLEAN,
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.CHAR,
          Types.VARCHAR);

  private static final VarHandle SIGNATURE;

  static {
    try {
      SIGNATURE =
          MethodHandles.privateLookupIn(AvaticaResultSetMetaData.class, MethodHandles.lookup())
              .findVarHandle(AvaticaResultSetMetaData.class, "signature", Meta.Signature.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final List<ColumnMetaData> columns;
  private final Schema schema;

  private ResultColumns(List<ColumnMetaData> columns, Schema schema) {
    this.columns = List.copyOf(columns);
    this.schema = schema;
  }

  /** The engine's own result set under the server's wrappers. */
  static ResultSet engineRows(ResultSet rows) throws SQLException {
    return rows.isWrapperFor(AvaticaResultSet.class) ? rows.unwrap(AvaticaResultSet.class) : rows;
  }

  /** The Arrow form of the engine's result, or empty when a column has none. */
  static Optional<ResultColumns> of(ResultSet engineRows) throws SQLException {
    if (!engineRows.getMetaData().isWrapperFor(AvaticaResultSetMetaData.class)) {
      return Optional.empty();
    }
    Meta.Signature signature =
        (Meta.Signature)
            SIGNATURE.get(engineRows.getMetaData().unwrap(AvaticaResultSetMetaData.class));
    List<Field> fields = new ArrayList<>();
    for (ColumnMetaData column : signature.columns) {
      Optional<Field> field = field(column.label, column.type, column.precision, column.scale);
      if (field.isEmpty()) {
        return Optional.empty();
      }
      fields.add(field.get());
    }
    return Optional.of(new ResultColumns(signature.columns, new Schema(fields)));
  }

  Schema schema() {
    return schema;
  }

  List<ColumnMetaData> columns() {
    return columns;
  }

  /**
   * Gives the signature sent to the client the element types of its ARRAY columns; over rows,
   * Avatica learns them from the first row instead.
   */
  void completeArrays(Meta.Signature signature) {
    if (signature == null || signature.columns == null) {
      return;
    }
    for (int i = 0; i < signature.columns.size() && i < columns.size(); i++) {
      if (signature.columns.get(i).type instanceof ColumnMetaData.ArrayType sent
          && columns.get(i).type instanceof ColumnMetaData.ArrayType engine) {
        ColumnMetaData.AvaticaType component = engine.getComponent();
        sent.updateComponentType(
            ColumnMetaData.scalar(
                component.id,
                component.name,
                ColumnMetaData.Rep.serialRepOf(SqlType.valueOf(component.id))));
      }
    }
  }

  private static Optional<Field> field(
      String name, ColumnMetaData.AvaticaType type, int precision, int scale) {
    if (type instanceof ColumnMetaData.ArrayType array) {
      ColumnMetaData.AvaticaType component = array.getComponent();
      if (component instanceof ColumnMetaData.ArrayType
          || component instanceof ColumnMetaData.StructType
          || !ELEMENT_TYPES.contains(component.id)) {
        return Optional.empty();
      }
      return scalar(component.id, component.name, 38, scale)
          .map(
              element ->
                  new Field(
                      name,
                      FieldType.nullable(ArrowType.List.INSTANCE),
                      List.of(new Field("element", FieldType.nullable(element), null))));
    }
    if (type instanceof ColumnMetaData.StructType) {
      return Optional.empty();
    }
    return scalar(type.id, type.name, precision, scale)
        .map(arrow -> new Field(name, FieldType.nullable(arrow), null));
  }

  private static Optional<ArrowType> scalar(int id, String name, int precision, int scale) {
    ArrowType arrow =
        switch (id) {
          case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
          case Types.TINYINT -> new ArrowType.Int(8, true);
          case Types.SMALLINT -> new ArrowType.Int(16, true);
          case Types.INTEGER -> new ArrowType.Int(32, true);
          case Types.BIGINT -> new ArrowType.Int(64, true);
          case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
          case Types.FLOAT, Types.DOUBLE ->
              new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
          case Types.DECIMAL, Types.NUMERIC ->
              precision <= 38 && scale >= 0 && scale <= 38
                  ? new ArrowType.Decimal(38, scale, 128)
                  : null;
          case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> ArrowType.Utf8.INSTANCE;
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> ArrowType.Binary.INSTANCE;
          case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
          case Types.TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
          case Types.TIMESTAMP ->
              new ArrowType.Timestamp(
                  TimeUnit.MILLISECOND,
                  name != null && name.startsWith("TIMESTAMP_WITH_LOCAL_TIME_ZONE") ? "UTC" : null);
          default -> null;
        };
    return Optional.ofNullable(arrow);
  }
}
