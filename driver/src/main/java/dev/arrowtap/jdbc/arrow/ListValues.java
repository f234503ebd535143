package dev.arrowtap.jdbc.arrow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.util.Text;

/**
 * An ARRAY column's current value as the list of its elements, each of its element type's Java
 * class (Long for BIGINT, Double for DOUBLE, String for VARCHAR), for Avatica's array accessor.
 */
final class ListValues {
  private final ListVector vector;
  private final FieldVector elements;
  private final IntSupplier row;
  private final boolean[] wasNull;

  ListValues(ListVector vector, IntSupplier row, boolean[] wasNull) {
    this.vector = vector;
    this.elements = vector.getDataVector();
    this.row = row;
    this.wasNull = wasNull;
  }

  /** The elements, or null for NULL. */
  List<Object> current() {
    int index = row.getAsInt();
    boolean isNull = vector.isNull(index);
    wasNull[0] = isNull;
    if (isNull) {
      return null;
    }
    int start = vector.getElementStartIndex(index);
    int end = vector.getElementEndIndex(index);
    List<Object> values = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      Object value = elements.getObject(i);
      values.add(value instanceof Text text ? text.toString() : value);
    }
    return values;
  }

  boolean wasNull() {
    return wasNull[0];
  }
}
