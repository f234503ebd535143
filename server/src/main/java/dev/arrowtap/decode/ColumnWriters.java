package dev.arrowtap.decode;

import dev.arrowtap.types.Column;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/** Picks the column writer for a binding's type, over the vector the decoder created for it. */
final class ColumnWriters {
  private ColumnWriters() {}

  static ColumnWriter create(
      ColumnBinding binding, FieldVector vector, Utf8Buffer text, JsonTextCopier copier) {
    Column column = binding.column();
    return switch (column.type()) {
      case BIGINT -> new BigIntWriter(column, (BigIntVector) vector);
      case DOUBLE -> new DoubleWriter(column, (Float8Vector) vector);
      case BOOLEAN -> new BooleanWriter(column, (BitVector) vector);
      case DECIMAL -> new DecimalWriter(column, (DecimalVector) vector);
      case VARCHAR -> new TextWriter(column, (VarCharVector) vector, false, text, copier);
      case JSON -> new TextWriter(column, (VarCharVector) vector, true, text, copier);
      case DATE -> new DateWriter(column, (DateDayVector) vector, TimeFormat.of(binding.format()));
      case TIMESTAMP ->
          new TimestampWriter(
              column, (TimeStampMilliVector) vector, TimeFormat.of(binding.format()));
      case BIGINT_ARRAY, DOUBLE_ARRAY, VARCHAR_ARRAY, BOOLEAN_ARRAY ->
          new ListWriter(column, (ListVector) vector, text, copier);
      case TIMESTAMP_LTZ ->
          new InstantWriter(
              column, (TimeStampMilliTZVector) vector, TimeFormat.of(binding.format()));
    };
  }
}
