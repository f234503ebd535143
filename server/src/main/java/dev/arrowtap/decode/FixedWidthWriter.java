package dev.arrowtap.decode;

import dev.arrowtap.types.Column;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/** A writer whose vector holds one fixed-width value a row, allocated by row count alone. */
abstract class FixedWidthWriter<V extends BaseFixedWidthVector> extends ColumnWriter {
  protected final V vector;

  FixedWidthWriter(Column column, V vector) {
    super(column);
    this.vector = vector;
  }

  @Override
  final FieldVector vector() {
    return vector;
  }

  @Override
  final void allocate(int capacity) {
    vector.allocateNew(capacity);
  }
}
