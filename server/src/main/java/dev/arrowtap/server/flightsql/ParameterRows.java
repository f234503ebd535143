package dev.arrowtap.server.flightsql;

import dev.arrowtap.common.SqlStates;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * A prepared statement's parameters: their Arrow schema (what a client binds), the values a client
 * sent in an Arrow batch, and binding them to the engine statement.
 */
final class ParameterRows {
  private static final long DAY_MILLIS = 86_400_000L;

  private ParameterRows() {}

  /** The parameters' schema: one field per parameter, typed as the engine inferred it. */
  static Schema schema(ParameterMetaData metaData) throws SQLException {
    List<Field> fields = new ArrayList<>();
    int count = metaData == null ? 0 : metaData.getParameterCount();
    for (int i = 1; i <= count; i++) {
      int type = metaData.getParameterType(i);
      fields.add(
          ArrowColumns.field(
              "p" + i,
              type,
              metaData.getParameterTypeName(i),
              type == Types.DECIMAL ? metaData.getPrecision(i) : 0,
              type == Types.DECIMAL ? metaData.getScale(i) : 0,
              true));
    }
    return new Schema(fields);
  }

  /**
   * The values of one parameter row from a client's batch; a statement runs once per execution, so
   * a batch of several rows is refused rather than half used.
   */
  static List<Object> values(VectorSchemaRoot batch) throws SQLException {
    if (batch.getRowCount() != 1) {
      throw new SQLException(
          "a prepared query takes one row of parameters per execution, not " + batch.getRowCount(),
          SqlStates.INVALID_ARGUMENT);
    }
    List<Object> values = new ArrayList<>();
    for (FieldVector vector : batch.getFieldVectors()) {
      values.add(value(vector));
    }
    return values;
  }

  /** A parameter value as the engine's JDBC statement takes it (times as UTC wall clock). */
  private static Object value(FieldVector vector) {
    if (vector.isNull(0)) {
      return null;
    }
    if (vector instanceof DateDayVector days) {
      return new Date(days.get(0) * DAY_MILLIS);
    }
    if (vector instanceof TimeMilliVector times) {
      return new Time(times.get(0));
    }
    if (vector instanceof TimeStampVector stamps) {
      Object value = stamps.getObject(0);
      if (value instanceof LocalDateTime local) {
        return Timestamp.from(local.toInstant(ZoneOffset.UTC));
      }
      return new Timestamp(millis(stamps));
    }
    Object value = vector.getObject(0);
    if (value instanceof Text text) {
      return text.toString();
    }
    if (value instanceof BigDecimal || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value instanceof byte[] ? value : String.valueOf(value);
  }

  /** A zoned timestamp parameter's instant in milliseconds, whatever unit the client sent. */
  private static long millis(TimeStampVector stamps) {
    long value = stamps.get(0);
    return switch (((ArrowType.Timestamp) stamps.getField().getType()).getUnit()) {
      case SECOND -> value * 1000;
      case MILLISECOND -> value;
      case MICROSECOND -> Math.floorDiv(value, 1000L);
      case NANOSECOND -> Math.floorDiv(value, 1_000_000L);
    };
  }

  /** Binds the values to the engine statement; with none bound, the statement needs none. */
  static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
  }
}
