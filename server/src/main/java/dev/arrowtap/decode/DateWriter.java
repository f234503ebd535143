package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.DateDayVector;

/** DATE (days since 1970-01-01) from ISO-8601, pattern or epoch values; a time of day is cut. */
final class DateWriter extends FixedWidthWriter<DateDayVector> {
  private final TimeFormat format;

  DateWriter(Column column, DateDayVector vector, TimeFormat format) {
    super(column, vector);
    this.format = format;
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    long day = Math.floorDiv(format.millis(parser, token, "DATE"), IsoTime.MILLIS_PER_DAY);
    if (day != (int) day) {
      throw new ValueMismatch("date is out of the DATE range: day " + day);
    }
    vector.set(row, (int) day);
  }
}
