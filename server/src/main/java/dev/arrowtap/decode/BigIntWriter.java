package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.vector.BigIntVector;

/** BIGINT from JSON integers, integral numbers like {@code 5.0}, and strings holding integers. */
final class BigIntWriter extends FixedWidthWriter<BigIntVector> {

  BigIntWriter(Column column, BigIntVector vector) {
    super(column, vector);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    long value;
    if (token == JsonToken.VALUE_NUMBER_INT) {
      try {
        value = parser.getLongValue();
      } catch (InputCoercionException e) {
        throw new ValueMismatch("integer " + parser.getText() + " is out of the BIGINT range");
      }
    } else if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_STRING) {
      value = exact(parser, token);
    } else {
      throw mismatch(parser, token);
    }
    vector.set(row, value);
  }

  private long exact(JsonParser parser, JsonToken token) throws IOException, ValueMismatch {
    try {
      BigDecimal number =
          token == JsonToken.VALUE_STRING
              ? new BigDecimal(parser.getText().trim())
              : parser.getDecimalValue();
      return number.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw mismatch(parser, token);
    }
  }
}
