package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;

/**
 * Writes the JSON values bound to one column into its Arrow vector. The vector belongs to the
 * decoder's root; a writer only fills it. JSON null and missing values are never passed in: a
 * vector starts each batch with every row NULL.
 */
abstract class ColumnWriter {
  private final Column column;

  ColumnWriter(Column column) {
    this.column = column;
  }

  final String name() {
    return column.name();
  }

  final String typeName() {
    return column.typeName();
  }

  abstract FieldVector vector();

  /** Writes the value at the parser's current token (not null) to {@code row}. */
  abstract void write(JsonParser parser, JsonToken token, int row)
      throws IOException, ValueMismatch;

  /**
   * Makes the vector ready for a batch of up to {@code capacity} rows, all NULL. Reuses its buffers
   * when they are large enough, so a steady stream of batches allocates nothing.
   */
  void startBatch(int capacity) {
    FieldVector vector = vector();
    if (vector.getValueCapacity() < capacity) {
      vector.clear();
      allocate(capacity);
    } else {
      vector.reset();
    }
  }

  abstract void allocate(int capacity);

  final ValueMismatch mismatch(JsonParser parser, JsonToken token) throws IOException {
    String got =
        token.isScalarValue()
            ? DecodeErrors.describe(token)
                + " "
                + ValueMismatch.quote(
                    parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())
            : DecodeErrors.describe(token);
    return new ValueMismatch("expected " + typeName() + ", got " + got);
  }
}
