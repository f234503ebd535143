package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.vector.DecimalVector;

/**
 * DECIMAL(p, s) from JSON numbers and numeric strings, exactly as written: a value with more digits
 * after the point than the scale, or more digits in all than the precision, is an error, never
 * rounded.
 */
final class DecimalWriter extends FixedWidthWriter<DecimalVector> {
  private final int precision;
  private final int scale;

  DecimalWriter(Column column, DecimalVector vector) {
    super(column, vector);
    this.precision = column.precision();
    this.scale = column.scale();
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    if (scale == 0
        && token == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        && precision >= 19) {
      // The common case: any long fits DECIMAL(19+, 0).
      vector.set(row, parser.getLongValue());
      return;
    }
    BigDecimal value;
    try {
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        if (parser.isNaN()) {
          throw mismatch(parser, token);
        }
        value = parser.getDecimalValue();
      } else if (token == JsonToken.VALUE_STRING) {
        value = new BigDecimal(parser.getText().trim());
      } else {
        throw mismatch(parser, token);
      }
    } catch (NumberFormatException e) {
      throw mismatch(parser, token);
    }
    vector.set(row, fit(value, parser.getText()));
  }

  /** The value at the column's scale, or an error if that would lose a digit or overflow. */
  private BigDecimal fit(BigDecimal value, String written) throws ValueMismatch {
    BigDecimal scaled;
    try {
      scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ValueMismatch(
          written + " has more than " + scale + " digits after the point of " + typeName());
    }
    if (scaled.precision() > precision) {
      throw new ValueMismatch(
          written
              + " has more than "
              + (precision - scale)
              + " digits before the point of "
              + typeName());
    }
    return scaled;
  }
}
