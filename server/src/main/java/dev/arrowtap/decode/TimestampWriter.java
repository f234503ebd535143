package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.TimeStampMilliVector;

/** TIMESTAMP (UTC milliseconds, no zone) from ISO-8601, pattern or epoch values. */
final class TimestampWriter extends FixedWidthWriter<TimeStampMilliVector> {
  private final TimeFormat format;

  TimestampWriter(Column column, TimeStampMilliVector vector, TimeFormat format) {
    super(column, vector);
    this.format = format;
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    vector.set(row, format.millis(parser, token, "TIMESTAMP"));
  }
}
