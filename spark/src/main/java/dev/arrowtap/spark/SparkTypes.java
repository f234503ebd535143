package dev.arrowtap.spark;

import dev.arrowtap.types.Column;
import java.util.List;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * Maps arrowtap's column types to Spark's, and arrowtap's Arrow vectors to Spark column vectors.
 */
final class SparkTypes {
  private SparkTypes() {}

  /** The Spark schema of arrowtap columns, names and nullability as declared. */
  static StructType schema(List<Column> columns) {
    StructField[] fields = new StructField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      Column column = columns.get(i);
      fields[i] = DataTypes.createStructField(column.name(), type(column), column.nullable());
    }
    return DataTypes.createStructType(fields);
  }

  static DataType type(Column column) {
    return switch (column.type()) {
      case BOOLEAN -> DataTypes.BooleanType;
      case BIGINT -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(column.precision(), column.scale());
      case VARCHAR, JSON -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
        // arrowtap's TIMESTAMP is a UTC wall-clock time without a zone, as JDBC shows it.
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMP_LTZ -> DataTypes.TimestampType;
      case BIGINT_ARRAY, DOUBLE_ARRAY, VARCHAR_ARRAY, BOOLEAN_ARRAY ->
          DataTypes.createArrayType(
              type(new Column("element", column.type().element(), true)), true);
    };
  }

  /**
   * A Spark view of an arrowtap vector, sharing its buffers. Spark reads Arrow timestamps in
   * microseconds only; arrowtap's are in milliseconds, so those get a view that scales each value.
   */
  static ColumnVector vector(ValueVector vector) {
    if (vector instanceof TimeStampVector millis) {
      return new TimestampMillisColumnVector(millis);
    }
    return new ArrowColumnVector(vector);
  }
}
