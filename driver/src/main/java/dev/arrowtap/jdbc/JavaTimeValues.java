package dev.arrowtap.jdbc;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * java.time values in and out of the engine's DATE, TIME and TIMESTAMP, by arrowtap's rule: a
 * TIMESTAMP is a wall-clock time in UTC, so values with an offset or zone are converted to UTC.
 */
final class JavaTimeValues {
  private JavaTimeValues() {}

  /** The parameter value of a java.time object, or null when {@code value} is not one. */
  static TypedValue parameter(Object value) {
    if (value instanceof LocalDate date) {
      return TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_DATE, (int) date.toEpochDay());
    }
    if (value instanceof LocalTime time) {
      return TypedValue.ofLocal(
          ColumnMetaData.Rep.JAVA_SQL_TIME, (int) (time.toNanoOfDay() / 1_000_000));
    }
    if (value instanceof OffsetTime time) {
      return parameter(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    }
    Instant instant = instant(value);
    if (instant != null) {
      return TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP, instant.toEpochMilli());
    }
    return null;
  }

  private static Instant instant(Object value) {
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.toInstant();
    }
    if (value instanceof ZonedDateTime dateTime) {
      return dateTime.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    return null;
  }

  /** True for the java.time classes {@link #column} can return. */
  static boolean supports(Class<?> type) {
    return type == LocalDate.class
        || type == LocalTime.class
        || type == LocalDateTime.class
        || type == OffsetDateTime.class
        || type == ZonedDateTime.class
        || type == Instant.class;
  }

  /** A column value read through a UTC calendar as the java.time class asked for. */
  static <T> T column(Reader reader, Class<T> type) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
    Object result;
    if (type == LocalDate.class) {
      Date date = reader.date(utc);
      result =
          date == null
              ? null
              : Instant.ofEpochMilli(date.getTime()).atOffset(ZoneOffset.UTC).toLocalDate();
    } else if (type == LocalTime.class) {
      Time time = reader.time(utc);
      result =
          time == null
              ? null
              : Instant.ofEpochMilli(time.getTime()).atOffset(ZoneOffset.UTC).toLocalTime();
    } else {
      Timestamp timestamp = reader.timestamp(utc);
      if (timestamp == null) {
        result = null;
      } else {
        Instant instant =
            Instant.ofEpochSecond(
                timestamp.getTime() / 1000 - (timestamp.getTime() % 1000 < 0 ? 1 : 0),
                timestamp.getNanos());
        result = convert(instant, type);
      }
    }
    return type.cast(result);
  }

  private static Object convert(Instant instant, Class<?> type) {
    if (type == Instant.class) {
      return instant;
    }
    OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
    if (type == LocalDateTime.class) {
      return utc.toLocalDateTime();
    }
    if (type == OffsetDateTime.class) {
      return utc;
    }
    return utc.toZonedDateTime();
  }

  /** Reads one column through a calendar. */
  interface Reader {
    Date date(Calendar calendar) throws SQLException;

    Time time(Calendar calendar) throws SQLException;

    Timestamp timestamp(Calendar calendar) throws SQLException;
  }
}
