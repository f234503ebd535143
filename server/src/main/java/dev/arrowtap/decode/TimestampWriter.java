package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/** TIMESTAMP (UTC milliseconds, no zone) from ISO-8601, pattern or epoch values. */
final class TimestampWriter extends ColumnWriter {
  private final TimeStampMilliVector vector;
  private final TimeFormat format;

  TimestampWriter(Column column, TimeStampMilliVector vector, TimeFormat format) {
    super(column);
    this.vector = vector;
    this.format = format;
  }

  @Override
  FieldVector vector() {
    return vector;
  }

  @Override
  void allocate(int capacity) {
    vector.allocateNew(capacity);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException, ValueMismatch {
    vector.set(row, format.millis(parser, token, "TIMESTAMP"));
  }
}
