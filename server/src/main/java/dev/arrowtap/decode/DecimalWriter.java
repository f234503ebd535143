package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.vector.DecimalVector;

/** DECIMAL(38,0) from integers of any size up to 38 digits, exactly as written. */
final class DecimalWriter extends FixedWidthWriter<DecimalVector> {
  private static final BigInteger LIMIT = BigInteger.TEN.pow(38);

  DecimalWriter(Column column, DecimalVector vector) {
    super(column, vector);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    if (token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      vector.set(row, parser.getLongValue());
      return;
    }
    BigInteger value;
    try {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        value = parser.getBigIntegerValue();
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        value = parser.getDecimalValue().setScale(0, RoundingMode.UNNECESSARY).toBigInteger();
      } else if (token == JsonToken.VALUE_STRING) {
        value =
            new BigDecimal(parser.getText().trim())
                .setScale(0, RoundingMode.UNNECESSARY)
                .toBigInteger();
      } else {
        throw mismatch(parser, token);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw mismatch(parser, token);
    }
    if (value.abs().compareTo(LIMIT) >= 0) {
      throw new ValueMismatch("integer " + value + " has more than the 38 digits of DECIMAL");
    }
    vector.set(row, new BigDecimal(value));
  }
}
