package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.TimeStampMilliTZVector;

/**
 * TIMESTAMP WITH LOCAL TIME ZONE (an instant, UTC milliseconds) from ISO-8601, pattern or epoch
 * values; text without an offset is taken as UTC, as for TIMESTAMP.
 */
final class InstantWriter extends FixedWidthWriter<TimeStampMilliTZVector> {
  private final TimeFormat format;

  InstantWriter(Column column, TimeStampMilliTZVector vector, TimeFormat format) {
    super(column, vector);
    this.format = format;
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    vector.set(row, format.millis(parser, token, "TIMESTAMP WITH LOCAL TIME ZONE"));
  }
}
