package dev.arrowtap.plan;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/** Reads one cell of an Arrow vector as the Java value Calcite's enumerables expect. */
@FunctionalInterface
public interface ColumnAccessor {
  Object get(int row);

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
    }
    throw new IllegalArgumentException(
        "no accessor for Arrow vector " + vector.getClass().getSimpleName());
  }
}
