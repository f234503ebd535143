package dev.arrowtap.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/** Reads one cell of an Arrow vector as the Java value Calcite's enumerables expect. */
@FunctionalInterface
public interface ColumnAccessor {
  Object get(int row);

  /** ARRAY values as the lists Calcite's enumerables hold, elements read by their own accessor. */
  private static ColumnAccessor list(ListVector vector) {
    ColumnAccessor elements = of(vector.getDataVector());
    return row -> {
      if (vector.isNull(row)) {
        return null;
      }
      int start = vector.getElementStartIndex(row);
      int end = vector.getElementEndIndex(row);
      List<Object> values = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        values.add(elements.get(i));
      }
      return values;
    };
  }

  /** An accessor for the vector's type; Calcite wants epoch millis and days for time types. */
  static ColumnAccessor of(FieldVector vector) {
    if (vector instanceof BigIntVector v) {
      return row -> v.isNull(row) ? null : v.get(row);
    } else if (vector instanceof VarCharVector v) {
      return row -> v.isNull(row) ? null : new String(v.get(row), StandardCharsets.UTF_8);
    } else if (vector instanceof Float8Vector v) {
      return row -> v.isNull(row) ? null : v.get(row);
    } else if (vector instanceof BitVector v) {
      return row -> v.isNull(row) ? null : v.get(row) != 0;
    } else if (vector instanceof TimeStampVector v) {
      return row -> v.isNull(row) ? null : v.get(row);
    } else if (vector instanceof DateDayVector v) {
      return row -> v.isNull(row) ? null : v.get(row);
    } else if (vector instanceof DecimalVector v) {
      return row -> v.isNull(row) ? null : v.getObject(row);
    } else if (vector instanceof ListVector v) {
      return list(v);
    }
    throw new IllegalArgumentException(
        "no accessor for Arrow vector " + vector.getClass().getSimpleName());
  }
}
