package dev.arrowtap.server.meta;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Writes a result column's values into its Arrow vector, one writer per vector type. Values are
 * read with the engine's typed getters (a TIMESTAMP as its wall-clock number), so nothing passes
 * through a time zone or a text form.
 */
final class ValueWriters {
  private ValueWriters() {}

  /** Writes column {@code column} of the current row into slot {@code row} of its vector. */
  @FunctionalInterface
  interface ValueWriter {
    void write(ResultSet rows, int column, int row) throws SQLException;
  }

  /** Writes one element of an ARRAY value into slot {@code index} of the list's data vector. */
  @FunctionalInterface
  private interface ElementWriter {
    void write(Object element, int index);
  }

  static ValueWriter forVector(FieldVector vector) {
    if (vector instanceof BigIntVector v) {
      return (rows, column, row) -> {
        long value = rows.getLong(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof IntVector v) {
      return (rows, column, row) -> {
        int value = rows.getInt(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof SmallIntVector v) {
      return (rows, column, row) -> {
        short value = rows.getShort(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof TinyIntVector v) {
      return (rows, column, row) -> {
        byte value = rows.getByte(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof Float8Vector v) {
      return (rows, column, row) -> {
        double value = rows.getDouble(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof Float4Vector v) {
      return (rows, column, row) -> {
        float value = rows.getFloat(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof BitVector v) {
      return (rows, column, row) -> {
        boolean value = rows.getBoolean(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, value ? 1 : 0);
        }
      };
    }
    if (vector instanceof DecimalVector v) {
      return (rows, column, row) -> {
        BigDecimal value = rows.getBigDecimal(column);
        if (value == null) {
          v.setNull(row);
        } else {
          v.setSafe(row, value.setScale(v.getScale(), RoundingMode.HALF_UP));
        }
      };
    }
    if (vector instanceof VarCharVector v) {
      return (rows, column, row) -> {
        String value = rows.getString(column);
        if (value == null) {
          v.setNull(row);
        } else {
          v.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
      };
    }
    if (vector instanceof VarBinaryVector v) {
      return (rows, column, row) -> {
        byte[] value = rows.getBytes(column);
        if (value == null) {
          v.setNull(row);
        } else {
          v.setSafe(row, value);
        }
      };
    }
    if (vector instanceof DateDayVector v) {
      return (rows, column, row) -> {
        long days = rows.getLong(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, Math.toIntExact(days));
        }
      };
    }
    if (vector instanceof TimeMilliVector v) {
      return (rows, column, row) -> {
        long millis = rows.getLong(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, Math.toIntExact(millis));
        }
      };
    }
    if (vector instanceof TimeStampMilliTZVector v) {
      return (rows, column, row) -> {
        long millis = rows.getLong(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, millis);
        }
      };
    }
    if (vector instanceof TimeStampMilliVector v) {
      return (rows, column, row) -> {
        long millis = rows.getLong(column);
        if (rows.wasNull()) {
          v.setNull(row);
        } else {
          v.setSafe(row, millis);
        }
      };
    }
    if (vector instanceof ListVector v) {
      ElementWriter element = elements(v.getDataVector());
      return (rows, column, row) -> {
        Array array = rows.getArray(column);
        if (array == null) {
          v.setNull(row);
          return;
        }
        // Calcite hands out primitive arrays (long[], int[]) as well as Object[].
        Object values = array.getArray();
        int length = java.lang.reflect.Array.getLength(values);
        int start = v.startNewValue(row);
        for (int i = 0; i < length; i++) {
          element.write(java.lang.reflect.Array.get(values, i), start + i);
        }
        v.endValue(row, length);
      };
    }
    throw new IllegalArgumentException("no writer for " + vector.getField());
  }

  private static ElementWriter elements(FieldVector data) {
    if (data instanceof BigIntVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).longValue());
        }
      };
    }
    if (data instanceof IntVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).intValue());
        }
      };
    }
    if (data instanceof SmallIntVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).shortValue());
        }
      };
    }
    if (data instanceof TinyIntVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).byteValue());
        }
      };
    }
    if (data instanceof Float8Vector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).doubleValue());
        }
      };
    }
    if (data instanceof Float4Vector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, ((Number) value).floatValue());
        }
      };
    }
    if (data instanceof BitVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, Boolean.TRUE.equals(value) ? 1 : 0);
        }
      };
    }
    if (data instanceof VarCharVector v) {
      return (value, i) -> {
        if (value == null) {
          v.setNull(i);
        } else {
          v.setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
        }
      };
    }
    return (value, i) -> {
      throw new IllegalStateException("no ARRAY element writer for " + data.getField());
    };
  }
}
