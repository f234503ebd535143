package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A body, or a part of one, already in memory: the decoder parses the array in place rather than
 * copying it through a stream into the parser's buffer.
 */
final class BodyBytes extends ByteArrayInputStream {
  private final int offset;
  private final int length;

  BodyBytes(byte[] bytes, int offset, int length) {
    super(bytes, offset, length);
    this.offset = offset;
    this.length = length;
  }

  /**
   * A parser over the bytes in place when they are well-formed UTF-8, as most bodies are; null
   * otherwise, and the caller reads them through a {@link Utf8CheckedStream}, which finds the bad
   * bytes again as the parser comes to them and names their record.
   */
  JsonParser parserIfWellFormed() throws IOException {
    Utf8Validator validator = new Utf8Validator();
    if (validator.check(buf, offset, offset + length) >= 0 || !validator.atEnd()) {
      return null;
    }
    return JsonFactories.FACTORY.createParser(buf, offset, length);
  }
}
