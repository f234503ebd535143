package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.BitVector;

/** BOOLEAN from {@code true}/{@code false} and from those words as strings. */
final class BooleanWriter extends FixedWidthWriter<BitVector> {

  BooleanWriter(Column column, BitVector vector) {
    super(column, vector);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    boolean value;
    if (token == JsonToken.VALUE_TRUE) {
      value = true;
    } else if (token == JsonToken.VALUE_FALSE) {
      value = false;
    } else if (token == JsonToken.VALUE_STRING && parser.getText().equalsIgnoreCase("true")) {
      value = true;
    } else if (token == JsonToken.VALUE_STRING && parser.getText().equalsIgnoreCase("false")) {
      value = false;
    } else {
      throw mismatch(parser, token);
    }
    vector.set(row, value ? 1 : 0);
  }
}
