package dev.arrowtap.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** How a DATE or TIMESTAMP column's values are written: ISO-8601, a pattern, or epoch numbers. */
final class TimeFormat {
  private enum Kind {
    ISO,
    PATTERN,
    EPOCH_SECONDS,
    EPOCH_MILLIS
  }

  private static final TimeFormat ISO =
      new TimeFormat(Kind.ISO, DateTimeFormatter.ISO_DATE_TIME, "ISO-8601");

  private final Kind kind;
  private final DateTimeFormatter pattern;
  private final String text;

  private TimeFormat(Kind kind, DateTimeFormatter pattern, String text) {
    this.kind = kind;
    this.pattern = pattern;
    this.text = text;
  }

  /** The format named in a column binding; null means ISO-8601. */
  static TimeFormat of(String format) {
    if (format == null) {
      return ISO;
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "epoch_seconds" -> new TimeFormat(Kind.EPOCH_SECONDS, null, format);
      case "epoch_millis" -> new TimeFormat(Kind.EPOCH_MILLIS, null, format);
      default -> pattern(format);
    };
  }

  private static TimeFormat pattern(String format) {
    try {
      return new TimeFormat(Kind.PATTERN, DateTimeFormatter.ofPattern(format, Locale.ROOT), format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad date/time format '" + format + "': " + e.getMessage(), e);
    }
  }

  /** Epoch millis (UTC) of the value at the parser's current token. */
  long millis(JsonParser p, JsonToken token, String typeName) throws IOException, ValueMismatch {
    if (token == JsonToken.VALUE_STRING) {
      return millisFromText(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), typeName);
    }
    if (token.isNumeric() && (kind == Kind.EPOCH_SECONDS || kind == Kind.EPOCH_MILLIS)) {
      if (token == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        return fromEpoch(p.getLongValue());
      }
      return fromEpoch(p.getDecimalValue(), p.getText());
    }
    throw new ValueMismatch(
        "expected " + describe() + " for " + typeName + ", got " + DecodeErrors.describe(token));
  }

  private long millisFromText(char[] c, int off, int len, String typeName) throws ValueMismatch {
    switch (kind) {
      case ISO -> {
        long millis = IsoTime.parseMillis(c, off, len);
        if (millis != IsoTime.NOT_ISO) {
          return millis;
        }
        return parseWith(c, off, len, typeName);
      }
      case PATTERN -> {
        return parseWith(c, off, len, typeName);
      }
      default -> {
        String number = new String(c, off, len).trim();
        try {
          return fromEpoch(new BigDecimal(number), number);
        } catch (NumberFormatException e) {
          throw new ValueMismatch(
              "expected "
                  + describe()
                  + " for "
                  + typeName
                  + ", got "
                  + ValueMismatch.quote(c, off, len));
        }
      }
    }
  }

  private long fromEpoch(long value) throws ValueMismatch {
    if (kind == Kind.EPOCH_MILLIS) {
      return value;
    }
    try {
      return Math.multiplyExact(value, 1000L);
    } catch (ArithmeticException e) {
      throw new ValueMismatch("epoch seconds out of range: " + value);
    }
  }

  private long fromEpoch(BigDecimal value, String written) throws ValueMismatch {
    BigDecimal millis = kind == Kind.EPOCH_SECONDS ? value.movePointRight(3) : value;
    try {
      return millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new ValueMismatch("epoch value out of range: " + written);
    }
  }

  private long parseWith(char[] c, int off, int len, String typeName) throws ValueMismatch {
    String value = new String(c, off, len);
    try {
      TemporalAccessor parsed = pattern.parse(value);
      if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(parsed).toEpochMilli();
      }
      if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      return LocalDate.from(parsed).toEpochDay() * IsoTime.MILLIS_PER_DAY;
    } catch (DateTimeException | ArithmeticException e) {
      throw new ValueMismatch(
          "expected "
              + describe()
              + " for "
              + typeName
              + ", got "
              + ValueMismatch.quote(c, off, len));
    }
  }

  private String describe() {
    return switch (kind) {
      case ISO -> "an ISO-8601 string";
      case PATTERN -> "a string of pattern '" + text + "'";
      case EPOCH_SECONDS -> "epoch seconds";
      case EPOCH_MILLIS -> "epoch milliseconds";
    };
  }
}
