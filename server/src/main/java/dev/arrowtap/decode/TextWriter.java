package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * VARCHAR (strings as they are; numbers and booleans as their text; objects and arrays as JSON
 * text) and JSON (every value as JSON text) columns.
 */
final class TextWriter extends ColumnWriter {
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  /** Bytes per value reserved for a new batch; the vector grows beyond it when needed. */
  private static final int INITIAL_BYTES_PER_VALUE = 32;

  private final VarCharVector vector;
  private final boolean jsonText;
  private final Utf8Buffer text;
  private final JsonTextCopier copier;

  TextWriter(
      Column column,
      VarCharVector vector,
      boolean jsonText,
      Utf8Buffer text,
      JsonTextCopier copier) {
    super(column);
    this.vector = vector;
    this.jsonText = jsonText;
    this.text = text;
    this.copier = copier;
  }

  @Override
  FieldVector vector() {
    return vector;
  }

  @Override
  void allocate(int capacity) {
    vector.allocateNew((long) capacity * INITIAL_BYTES_PER_VALUE, capacity);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException {
    if (jsonText && (token == JsonToken.VALUE_STRING || token.isStructStart())) {
      Utf8Buffer json = copier.copy(parser);
      vector.setSafe(row, json.bytes(), 0, json.length());
      return;
    }
    switch (token) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        text.encode(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        vector.setSafe(row, text.bytes(), 0, text.length());
      }
      case VALUE_TRUE -> vector.setSafe(row, TRUE, 0, TRUE.length);
      case VALUE_FALSE -> vector.setSafe(row, FALSE, 0, FALSE.length);
      default -> {
        Utf8Buffer json = copier.copy(parser);
        vector.setSafe(row, json.bytes(), 0, json.length());
      }
    }
  }
}
