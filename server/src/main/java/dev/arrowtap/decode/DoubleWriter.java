package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.Float8Vector;

/**
 * DOUBLE from any JSON number and from numeric strings. {@code NaN}, {@code Infinity} and {@code
 * -Infinity} (as tokens, as Python writes them, or as strings) are kept as such; a number beyond
 * the DOUBLE range ({@code 1e400}) is an error, not a silent infinity.
 */
final class DoubleWriter extends FixedWidthWriter<Float8Vector> {

  DoubleWriter(Column column, Float8Vector vector) {
    super(column, vector);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    double value;
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      value = parser.getDoubleValue();
      if (Double.isInfinite(value) && !parser.isNaN()) {
        throw outOfRange(parser.getText());
      }
    } else if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText().trim();
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw mismatch(parser, token);
      }
      if (Double.isInfinite(value) && !text.endsWith("Infinity")) {
        throw outOfRange(text);
      }
    } else {
      throw mismatch(parser, token);
    }
    vector.set(row, value);
  }

  private static ValueMismatch outOfRange(String text) {
    return new ValueMismatch(
        "number "
            + text
            + " is beyond the DOUBLE range (magnitude at most 1.7976931348623157e308)");
  }
}
