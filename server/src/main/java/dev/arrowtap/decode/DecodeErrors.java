package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.arrowtap.common.SqlStates;

/**
 * Builds the decode exceptions, each with the position in the body where it broke. Messages number
 * records from 1 (the first record of the body is record 1) and name each position once; the
 * exception's {@code recordIndex} stays 0-based.
 */
final class DecodeErrors {
  private DecodeErrors() {}

  /**
   * The body is not laid out as the records layout says.
   *
   * @param base where the parser's input starts in the body, in bytes
   */
  static JsonDecodeException shape(JsonParser parser, String message, long recordIndex, long base) {
    long offset = base + offset(parser.currentTokenLocation(), parser);
    return new JsonDecodeException(
        message + " (byte " + offset + ")",
        SqlStates.FEED_BAD_DATA,
        offset,
        recordIndex,
        null,
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
    long offset = base + offset(cause.getLocation(), parser);
    String where =
        recordIndex >= 0
            ? "inside record " + (recordIndex + 1)
            : recordsRead > 0 ? "after record " + recordsRead : "before the first record";
    String original = cause.getOriginalMessage();
    String message =
        endOfInput(cause)
            ? "body ended " + where + " (byte " + offset + ")"
            : (original != null && original.contains("UTF-8")
                    ? "invalid UTF-8 "
                    : "malformed JSON ")
                + where
                + " at byte "
                + offset
                + ": "
                + original;
    return new JsonDecodeException(
        message, SqlStates.FEED_BAD_DATA, offset, recordIndex, null, cause);
  }

  /**
   * Whether the body was cut off. Jackson throws JsonEOFException inside a value but a plain parse
   * exception "Unexpected end-of-input" between array entries, so both count.
   */
  static boolean endOfInput(StreamReadException cause) {
    String message = cause.getOriginalMessage();
    return cause instanceof JsonEOFException
        || (message != null && message.contains("end-of-input"));
  }

  /** A value does not fit its column's type. */
  static JsonDecodeException mismatch(
      JsonParser parser, ValueMismatch cause, String column, long recordIndex, long base) {
    long offset = base + offset(parser.currentTokenLocation(), parser);
    String message =
        "column "
            + column
            + ", record "
            + (recordIndex + 1)
            + ", byte "
            + offset
            + ": "
            + cause.getMessage();
    return new JsonDecodeException(
        message, SqlStates.INVALID_ARGUMENT, offset, recordIndex, column, cause);
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

  private static long offset(JsonLocation location, JsonParser parser) {
    long offset = location == null ? -1 : location.getByteOffset();
    if (offset < 0) {
      offset = parser.currentLocation().getByteOffset();
    }
    return offset;
  }
}
