package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Copies the value at a parser's current token as compact JSON text into a reusable buffer, with
 * numbers kept exactly as written. One generator serves every value of a decoder.
 */
final class JsonTextCopier {
  private final Utf8Buffer out = new Utf8Buffer();
  private final JsonGenerator generator;

  JsonTextCopier() {
    try {
      generator = JsonFactories.FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Each copied value is a root value; without this the generator puts a space between them.
    generator.setRootValueSeparator(null);
  }

  /** Copies the current value (and, for an object or array, all of it) and returns the text. */
  Utf8Buffer copy(JsonParser parser) throws IOException {
    out.clear();
    int depth = 0;
    JsonToken token = parser.currentToken();
    while (true) {
      switch (token) {
        case START_OBJECT -> {
          generator.writeStartObject();
          depth++;
        }
        case START_ARRAY -> {
          generator.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          generator.writeEndObject();
          depth--;
        }
        case END_ARRAY -> {
          generator.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> generator.writeFieldName(parser.currentName());
        case VALUE_STRING ->
            generator.writeString(
                parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            generator.writeNumber(
                parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        case VALUE_TRUE -> generator.writeBoolean(true);
        case VALUE_FALSE -> generator.writeBoolean(false);
        case VALUE_NULL -> generator.writeNull();
        default -> generator.writeString(parser.getText());
      }
      if (depth == 0) {
        break;
      }
      token = parser.nextToken();
      if (token == null) {
        // Only a parser over a buffered subtree can end here; the streaming one throws first.
        throw new IOException("JSON value ended early");
      }
    }
    generator.flush();
    return out;
  }
}
