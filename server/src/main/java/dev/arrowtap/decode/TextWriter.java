package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.arrowtap.types.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * VARCHAR (strings as they are; numbers and booleans as their text; objects and arrays as JSON
 * text) and JSON (every value as JSON text) columns.
 */
final class TextWriter extends ColumnWriter {
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  /** Bytes per value reserved for a new batch; the vector grows beyond it when needed. */
  private static final int INITIAL_BYTES_PER_VALUE = 32;

  private final VarCharVector vector;
  private final boolean jsonText;
  private final Utf8Buffer text;
  private final JsonTextCopier copier;

  /** The last row written in this batch, and where its bytes end in the data buffer. */
  private int lastRow = -1;

  private long dataEnd;

  TextWriter(
      Column column,
      VarCharVector vector,
      boolean jsonText,
      Utf8Buffer text,
      JsonTextCopier copier) {
    super(column);
    this.vector = vector;
    this.jsonText = jsonText;
    this.text = text;
    this.copier = copier;
  }

  @Override
  FieldVector vector() {
    return vector;
  }

  @Override
  void startBatch(int capacity) {
    super.startBatch(capacity);
    lastRow = -1;
    dataEnd = 0;
  }

  @Override
  void allocate(int capacity) {
    vector.allocateNew((long) capacity * INITIAL_BYTES_PER_VALUE, capacity);
  }

  @Override
  void write(JsonParser parser, JsonToken token, int row) throws IOException {
    if (jsonText && (token == JsonToken.VALUE_STRING || token.isStructStart())) {
      Utf8Buffer json = copier.copy(parser);
      append(row, json.bytes(), json.length());
      return;
    }
    switch (token) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        char[] chars = parser.getTextCharacters();
        int unpaired = text.encode(chars, parser.getTextOffset(), parser.getTextLength());
        if (unpaired >= 0) {
          // Raw bytes of a surrogate are invalid UTF-8; its escape must not turn into '?' either.
          throw new JsonParseException(
              parser,
              String.format(
                  "the escape \\u%04X is an unpaired UTF-16 surrogate, which has no UTF-8 form",
                  (int) chars[unpaired]));
        }
        append(row, text.bytes(), text.length());
      }
      case VALUE_TRUE -> append(row, TRUE, TRUE.length);
      case VALUE_FALSE -> append(row, FALSE, FALSE.length);
      default -> {
        Utf8Buffer json = copier.copy(parser);
        append(row, json.bytes(), json.length());
      }
    }
  }

  /**
   * Appends a value to the vector's buffers directly. Rows only move forward within a batch, so the
   * offsets of skipped (NULL) rows are filled here and the checks that {@code setSafe} repeats for
   * every value (capacity, holes, start offset lookups) are done once. The batch capacity is
   * reserved by {@link #startBatch}, so only the data buffer can need to grow.
   */
  private void append(int row, byte[] bytes, int length) {
    if (row <= lastRow) {
      // The same row again (a key repeated in one record): the last value wins, as in Arrow.
      vector.setSafe(row, bytes, 0, length);
      dataEnd = vector.getEndOffset(row);
      return;
    }
    long end = dataEnd + length;
    ArrowBuf data = vector.getDataBuffer();
    while (data.capacity() < end) {
      vector.reallocDataBuffer();
      data = vector.getDataBuffer();
    }
    ArrowBuf offsets = vector.getOffsetBuffer();
    for (int skipped = lastRow + 1; skipped < row; skipped++) {
      offsets.setInt((long) (skipped + 1) * BaseVariableWidthVector.OFFSET_WIDTH, (int) dataEnd);
    }
    data.setBytes(dataEnd, bytes, 0, length);
    offsets.setInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH, (int) end);
    BitVectorHelper.setBit(vector.getValidityBuffer(), row);
    vector.setLastSet(row);
    lastRow = row;
    dataEnd = end;
  }
}
