package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.arrowtap.common.SqlStates;

/**
 * Builds the decode exceptions, each with the {@link BodyPosition} where it broke; the position
 * formats itself, so every message reads {@code position: problem}.
 */
final class DecodeErrors {
  private DecodeErrors() {}

  /**
   * The body is not laid out as the records layout says.
   *
   * @param recordIndex the record that is misshapen, or -1 when the layout around the records is
   * @param recordsRead how many records were read completely
   * @param base where the parser's input starts in the body, in bytes
   */
  static JsonDecodeException shape(
      JsonParser parser, String problem, long recordIndex, long recordsRead, long base) {
    return new JsonDecodeException(
        position(parser.currentTokenLocation(), parser, recordIndex, recordsRead, null, base),
        problem,
        SqlStates.FEED_BAD_DATA,
        null);
  }

  /**
   * The body is not valid JSON, or is cut off.
   *
   * @param recordIndex the record being read, or -1 between records
   * @param recordsRead how many records were read completely
   */
  static JsonDecodeException malformed(
      JsonParser parser, StreamReadException cause, long recordIndex, long recordsRead) {
    return malformed(parser, cause, recordIndex, recordsRead, 0);
  }

  /** As above, for a parser whose input starts {@code base} bytes into the body. */
  static JsonDecodeException malformed(
      JsonParser parser, StreamReadException cause, long recordIndex, long recordsRead, long base) {
    String original = cause.getOriginalMessage();
    String problem =
        endOfInput(cause)
            ? "body ended"
            : (original != null && original.contains("UTF-8")
                    ? "invalid UTF-8: "
                    : "malformed JSON: ")
                + original;
    return new JsonDecodeException(
        position(cause.getLocation(), parser, recordIndex, recordsRead, null, base),
        problem,
        SqlStates.FEED_BAD_DATA,
        cause);
  }

  /**
   * The body holds bytes that are not well-formed UTF-8: the error names them and where the
   * sequence starts.
   */
  static JsonDecodeException invalidUtf8(
      Utf8CheckedStream.InvalidUtf8 cause, long recordIndex, long recordsRead, long base) {
    long offset = cause.byteOffset() + base;
    return new JsonDecodeException(
        recordIndex >= 0
            ? BodyPosition.inRecord(offset, recordIndex, null)
            : BodyPosition.between(offset, recordsRead),
        "invalid UTF-8: " + cause.problem(),
        SqlStates.FEED_BAD_DATA,
        cause);
  }

  /**
   * The body passes one of the parser's limits ({@link JsonFactories#LIMITS}: nesting depth, key,
   * string or number length): bad data, like a malformed body, not a broken connection.
   */
  static JsonDecodeException overLimit(
      JsonParser parser,
      StreamConstraintsException cause,
      long recordIndex,
      long recordsRead,
      long base) {
    String message = String.valueOf(cause.getOriginalMessage());
    // Jackson names the setting it checked ("from `StreamReadConstraints...`"), not ours.
    String problem = message.replaceAll(", from `[^`]*`\\)", ")");
    return new JsonDecodeException(
        position(cause.getLocation(), parser, recordIndex, recordsRead, null, base),
        "over a limit of arrowtap's JSON reader: " + problem,
        SqlStates.FEED_BAD_DATA,
        cause);
  }

  /**
   * Whether the body was cut off. Jackson throws JsonEOFException inside a value but a plain parse
   * exception "Unexpected end-of-input" between array entries, so both count.
   */
  private static boolean endOfInput(StreamReadException cause) {
    String message = cause.getOriginalMessage();
    return cause instanceof JsonEOFException
        || (message != null && message.contains("end-of-input"));
  }

  /** A value does not fit its column's type. */
  static JsonDecodeException mismatch(
      JsonParser parser, ValueMismatch cause, String column, long recordIndex, long base) {
    return new JsonDecodeException(
        position(parser.currentTokenLocation(), parser, recordIndex, recordIndex, column, base),
        cause.getMessage(),
        SqlStates.INVALID_ARGUMENT,
        cause);
  }

  /** A token as named in messages: "an object", "a number". */
  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the body";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  private static BodyPosition position(
      JsonLocation location,
      JsonParser parser,
      long recordIndex,
      long recordsRead,
      String column,
      long base) {
    long offset = location == null ? -1 : location.getByteOffset();
    if (offset < 0) {
      offset = parser.currentLocation().getByteOffset();
    }
    offset += base;
    return recordIndex >= 0
        ? BodyPosition.inRecord(offset, recordIndex, column)
        : BodyPosition.between(offset, recordsRead);
  }
}
