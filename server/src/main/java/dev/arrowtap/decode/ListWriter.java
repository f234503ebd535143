package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Declared ARRAY columns ({@code array<bigint>}) from JSON arrays, into an Arrow list vector. Each
 * element is written by the element type's own writer into the list's data vector, so an element is
 * read exactly as a column of that type would be; a JSON null element is a NULL element.
 */
final class ListWriter extends ColumnWriter {
  private final ListVector vector;
  private final FieldVector data;
  private final ColumnWriter elements;

  ListWriter(Column column, ListVector vector, Utf8Buffer text, JsonTextCopier copier) {
    super(column);
    this.vector = vector;
    this.data = vector.getDataVector();
    Column element = new Column(column.name(), column.type().element(), true);
    this.elements = ColumnWriters.create(ColumnBinding.of(element), data, text, copier);
  }

  @Override
  FieldVector vector() {
    return vector;
  }

  @Override
  void startBatch(int capacity) {
    super.startBatch(capacity);
    elements.startBatch(capacity);
  }

  @Override
  void allocate(int capacity) {
    vector.setInitialCapacity(capacity);
    vector.allocateNew();
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    if (token != JsonToken.START_ARRAY) {
      throw mismatch(parser, token);
    }
    int start = vector.startNewValue(row);
    int count = 0;
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (element == null) {
        throw new IOException("JSON value ended early");
      }
      int index = start + count++;
      // Element writers reserve room by row count; a list has any number of elements a row.
      while (index >= data.getValueCapacity()) {
        data.reAlloc();
      }
      if (element != JsonToken.VALUE_NULL) {
        try {
          elements.write(parser, element, index);
        } catch (ValueMismatch e) {
          throw new ValueMismatch("array element " + count + ": " + e.getMessage());
        }
      }
    }
    vector.endValue(row, count);
  }
}
