package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.Float8Vector;

/** DOUBLE from any JSON number and from numeric strings. */
final class DoubleWriter extends FixedWidthWriter<Float8Vector> {

  DoubleWriter(Column column, Float8Vector vector) {
    super(column, vector);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    double value;
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      value = parser.getDoubleValue();
    } else if (token == JsonToken.VALUE_STRING) {
      try {
        value = Double.parseDouble(parser.getText().trim());
      } catch (NumberFormatException e) {
        throw mismatch(parser, token);
      }
    } else {
      throw mismatch(parser, token);
    }
    vector.set(row, value);
  }
}
