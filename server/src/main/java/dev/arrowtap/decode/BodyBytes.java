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

  JsonParser parser() throws IOException {
    return JsonFactories.FACTORY.createParser(buf, offset, length);
  }
}
