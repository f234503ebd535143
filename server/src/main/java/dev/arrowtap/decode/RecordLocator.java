package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Puts the parser on each record of a body in turn (the elements of an array, the values of an
 * NDJSON stream, or one object), checking that the body has the shape its layout says.
 */
final class RecordLocator {
  private enum State {
    UNOPENED,
    SEQUENCE,
    ARRAY,
    SINGLE,
    AFTER_SINGLE,
    DONE
  }

  private final JsonParser parser;
  private final RecordLayout layout;
  private final String contentType;
  private final Set<String> capturePointers;
  private final long base;
  private BodyWalker walker;
  private State state = State.UNOPENED;
  private JsonToken pending;
  private long found;

  RecordLocator(
      JsonParser parser, RecordLayout layout, String contentType, Set<String> capturePointers) {
    this(parser, layout, contentType, capturePointers, BodyStart.ZERO);
  }

  /** A locator over a part of a body that starts at {@code start}. */
  RecordLocator(
      JsonParser parser,
      RecordLayout layout,
      String contentType,
      Set<String> capturePointers,
      BodyStart start) {
    this.parser = parser;
    this.layout = layout;
    this.contentType = contentType;
    this.capturePointers = capturePointers;
    this.base = start.byteOffset();
    this.found = start.recordIndex();
  }

  /** Moves to the next record: true with the parser on its START_OBJECT, false at the end. */
  boolean next() throws IOException {
    switch (state) {
      case UNOPENED -> {
        open();
        return next();
      }
      case SEQUENCE -> {
        JsonToken token = pending != null ? pending : parser.nextToken();
        pending = null;
        if (token == null) {
          state = State.DONE;
          return false;
        }
        return record(token);
      }
      case ARRAY -> {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          finish();
          return false;
        }
        return record(token);
      }
      case SINGLE -> {
        state = State.AFTER_SINGLE;
        found++;
        return true;
      }
      case AFTER_SINGLE -> {
        finish();
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** True between two records of an NDJSON stream: a decoder may stop and another go on here. */
  boolean betweenLines() {
    return state == State.SEQUENCE && pending == null;
  }

  /** Values found at the capture pointers so far. */
  Map<String, JsonNode> captured() {
    return walker == null ? Map.of() : walker.captured();
  }

  /** How many records were found so far, counting those of the body before this input. */
  long found() {
    return found;
  }

  private boolean record(JsonToken token) throws JsonDecodeException {
    if (token != JsonToken.START_OBJECT) {
      throw DecodeErrors.shape(
          parser,
          "expected a JSON object but found " + DecodeErrors.describe(token),
          found,
          found,
          base);
    }
    found++;
    return true;
  }

  private void open() throws IOException {
    JsonToken first = parser.nextToken();
    RecordLayout resolved = LayoutDetector.resolve(layout, contentType, first);
    String pointer = resolved.pointer();
    switch (resolved.format()) {
      case NDJSON -> {
        pending = first;
        state = State.SEQUENCE;
      }
      case ARRAY -> {
        state = State.ARRAY;
        expect(seek(first, pointer, "array"), JsonToken.START_ARRAY, "array", pointer);
      }
      default -> {
        state = State.SINGLE;
        expect(seek(first, pointer, "object"), JsonToken.START_OBJECT, "object", pointer);
      }
    }
  }

  /** The token of the value at the pointer, reading from the first token of the body. */
  private JsonToken seek(JsonToken first, String pointer, String what) throws IOException {
    if (pointer.isEmpty() || first == null) {
      return first;
    }
    if (!first.isStructStart()) {
      throw DecodeErrors.shape(
          parser,
          "expected a JSON "
              + what
              + " at "
              + pointer
              + " but the body is "
              + DecodeErrors.describe(first),
          -1,
          found,
          base);
    }
    walker = new BodyWalker(parser, pointer, capturePointers);
    walker.start(first);
    if (!walker.advance()) {
      throw DecodeErrors.shape(
          parser,
          "expected a JSON "
              + what
              + " at "
              + pointer
              + " but the body has no "
              + pointer
              + hint(walker.keysNearMissingRecords()),
          -1,
          found,
          base);
    }
    return parser.currentToken();
  }

  private static String hint(String keys) {
    return keys.isEmpty() ? "" : "; " + keys + " (records: {pointer: ...} names where they are)";
  }

  private void expect(JsonToken token, JsonToken wanted, String what, String pointer)
      throws JsonDecodeException {
    if (token != wanted) {
      throw DecodeErrors.shape(
          parser,
          "expected a JSON "
              + what
              + " at "
              + JsonPointers.describe(pointer)
              + " but found "
              + DecodeErrors.describe(token),
          -1,
          found,
          base);
    }
  }

  /**
   * Reads on past the records to the end of the body, for the captures after them, and checks that
   * the body ends there: a second array or any other value after the first would otherwise be
   * dropped without a word.
   */
  private void finish() throws IOException {
    state = State.DONE;
    if (walker != null) {
      walker.advance();
    }
    JsonToken extra = parser.nextToken();
    if (extra != null) {
      throw DecodeErrors.shape(
          parser,
          "trailing content after the body's JSON value: "
              + DecodeErrors.describe(extra)
              + " (a body holds one JSON value; a stream of values is NDJSON, format: ndjson)",
          -1,
          found,
          base);
    }
  }
}
