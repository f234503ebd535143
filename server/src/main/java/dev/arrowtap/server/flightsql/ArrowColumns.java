package dev.arrowtap.server.flightsql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * The Arrow form of an engine result's columns: the schema a JDBC result's metadata maps to, and
 * one writer per column that copies a row's value into its vector.
 */
final class ArrowColumns {
  private static final long DAY_MILLIS = 86_400_000L;

  private ArrowColumns() {}

  /** Writes the current row's value of one column into its vector. */
  interface ColumnWriter {
    void write(ResultSet rows, int row) throws SQLException;
  }

  /** The Arrow schema of a result, from its JDBC metadata. */
  static Schema schema(ResultSetMetaData metaData) throws SQLException {
    List<Field> fields = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      fields.add(
          field(
              metaData.getColumnLabel(i),
              metaData.getColumnType(i),
              metaData.getColumnTypeName(i),
              metaData.getPrecision(i),
              metaData.getScale(i),
              metaData.isNullable(i) != ResultSetMetaData.columnNoNulls));
    }
    return new Schema(fields);
  }

  /** The Arrow field of a column of the given JDBC type. */
  static Field field(
      String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
    if (jdbcType == Types.ARRAY) {
      Field element =
          new Field("$data$", FieldType.nullable(elementType(typeName)), List.<Field>of());
      return new Field(
          name, new FieldType(nullable, ArrowType.List.INSTANCE, null), List.of(element));
    }
    return new Field(
        name,
        new FieldType(nullable, type(jdbcType, typeName, precision, scale), null),
        List.<Field>of());
  }

  /** The Arrow type of a JDBC type; types Arrow has no match for travel as text. */
  static ArrowType type(int jdbcType, String typeName, int precision, int scale) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
      case Types.TINYINT -> new ArrowType.Int(8, true);
      case Types.SMALLINT -> new ArrowType.Int(16, true);
      case Types.INTEGER -> new ArrowType.Int(32, true);
      case Types.BIGINT -> new ArrowType.Int(64, true);
      case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case Types.FLOAT, Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case Types.DECIMAL, Types.NUMERIC ->
          new ArrowType.Decimal(
              precision <= 0 || precision > 38 ? 38 : precision, Math.max(0, scale), 128);
      case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
      case Types.TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
      case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
      case Types.TIMESTAMP_WITH_TIMEZONE -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
      default ->
          typeName != null && typeName.toUpperCase(Locale.ROOT).contains("LOCAL TIME ZONE")
              ? new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")
              : ArrowType.Utf8.INSTANCE;
    };
  }

  /** The element type of an array column, from its type name ({@code BIGINT ARRAY}). */
  private static ArrowType elementType(String typeName) {
    String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
    if (name.startsWith("BIGINT") || name.startsWith("INTEGER")) {
      return new ArrowType.Int(64, true);
    }
    if (name.startsWith("DOUBLE") || name.startsWith("FLOAT") || name.startsWith("REAL")) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    }
    if (name.startsWith("BOOLEAN")) {
      return ArrowType.Bool.INSTANCE;
    }
    return ArrowType.Utf8.INSTANCE;
  }

  /** One writer per column of {@code root}, reading columns 1, 2, ... of a result. */
  static List<ColumnWriter> writers(VectorSchemaRoot root) {
    List<ColumnWriter> writers = new ArrayList<>();
    List<FieldVector> vectors = root.getFieldVectors();
    for (int i = 0; i < vectors.size(); i++) {
      writers.add(writer(vectors.get(i), i + 1));
    }
    return writers;
  }

  /** A writer copying result column {@code column} (1-based) into {@code vector}. */
  static ColumnWriter writer(FieldVector vector, int column) {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    if (vector instanceof BitVector bits) {
      return (rows, row) -> {
        boolean value = rows.getBoolean(column);
        if (rows.wasNull()) {
          bits.setNull(row);
        } else {
          bits.setSafe(row, value ? 1 : 0);
        }
      };
    }
    if (vector instanceof TinyIntVector tiny) {
      return (rows, row) -> {
        byte value = rows.getByte(column);
        if (rows.wasNull()) {
          tiny.setNull(row);
        } else {
          tiny.setSafe(row, value);
        }
      };
    }
    if (vector instanceof SmallIntVector small) {
      return (rows, row) -> {
        short value = rows.getShort(column);
        if (rows.wasNull()) {
          small.setNull(row);
        } else {
          small.setSafe(row, value);
        }
      };
    }
    if (vector instanceof IntVector ints) {
      return (rows, row) -> {
        int value = rows.getInt(column);
        if (rows.wasNull()) {
          ints.setNull(row);
        } else {
          ints.setSafe(row, value);
        }
      };
    }
    if (vector instanceof BigIntVector longs) {
      return (rows, row) -> {
        long value = rows.getLong(column);
        if (rows.wasNull()) {
          longs.setNull(row);
        } else {
          longs.setSafe(row, value);
        }
      };
    }
    if (vector instanceof Float4Vector floats) {
      return (rows, row) -> {
        float value = rows.getFloat(column);
        if (rows.wasNull()) {
          floats.setNull(row);
        } else {
          floats.setSafe(row, value);
        }
      };
    }
    if (vector instanceof Float8Vector doubles) {
      return (rows, row) -> {
        double value = rows.getDouble(column);
        if (rows.wasNull()) {
          doubles.setNull(row);
        } else {
          doubles.setSafe(row, value);
        }
      };
    }
    if (vector instanceof DecimalVector decimals) {
      int scale = decimals.getScale();
      return (rows, row) -> {
        BigDecimal value = rows.getBigDecimal(column);
        if (value == null) {
          decimals.setNull(row);
        } else {
          // Exact or an error: a value needing rounding would be a silent wrong answer.
          decimals.setSafe(row, value.setScale(scale, RoundingMode.UNNECESSARY));
        }
      };
    }
    if (vector instanceof DateDayVector days) {
      return (rows, row) -> {
        java.sql.Date value = rows.getDate(column, utc);
        if (value == null) {
          days.setNull(row);
        } else {
          days.setSafe(row, Math.toIntExact(Math.floorDiv(value.getTime(), DAY_MILLIS)));
        }
      };
    }
    if (vector instanceof TimeMilliVector times) {
      return (rows, row) -> {
        java.sql.Time value = rows.getTime(column, utc);
        if (value == null) {
          times.setNull(row);
        } else {
          times.setSafe(row, (int) Math.floorMod(value.getTime(), DAY_MILLIS));
        }
      };
    }
    if (vector instanceof TimeStampVector stamps) {
      return (rows, row) -> {
        Timestamp value = rows.getTimestamp(column, utc);
        if (value == null) {
          stamps.setNull(row);
        } else {
          stamps.setSafe(row, value.getTime());
        }
      };
    }
    if (vector instanceof ListVector list) {
      return listWriter(list, column);
    }
    VarCharVector text = (VarCharVector) vector;
    Text buffer = new Text();
    return (rows, row) -> {
      String value = rows.getString(column);
      if (value == null) {
        text.setNull(row);
      } else {
        buffer.set(value);
        text.setSafe(row, buffer);
      }
    };
  }

  private static ColumnWriter listWriter(ListVector list, int column) {
    return (rows, row) -> {
      Array array = rows.getArray(column);
      if (array == null) {
        list.setNull(row);
        return;
      }
      Object[] elements = (Object[]) array.getArray();
      UnionListWriter writer = list.getWriter();
      writer.setPosition(row);
      writer.startList();
      for (Object element : elements) {
        writeElement(list, writer, element);
      }
      writer.endList();
    };
  }

  private static void writeElement(ListVector list, UnionListWriter writer, Object element) {
    if (element == null) {
      writer.writeNull();
      return;
    }
    ArrowType type = list.getField().getChildren().get(0).getType();
    if (type instanceof ArrowType.Int) {
      writer.bigInt().writeBigInt(((Number) element).longValue());
    } else if (type instanceof ArrowType.FloatingPoint) {
      writer.float8().writeFloat8(((Number) element).doubleValue());
    } else if (type instanceof ArrowType.Bool) {
      writer.bit().writeBit(Boolean.TRUE.equals(element) ? 1 : 0);
    } else {
      writer.varChar().writeVarChar(element.toString());
    }
  }
}
