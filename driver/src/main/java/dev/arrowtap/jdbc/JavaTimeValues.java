package dev.arrowtap.jdbc;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Date and time values in and out of the engine's DATE, TIME and TIMESTAMP, by arrowtap's rule: a
 * TIMESTAMP is a wall-clock time in UTC, so java.time values with an offset or zone are converted
 * to UTC, and a java.sql value is read in the calendar's zone (the connection's when none is
 * given), as JDBC says. The conversions use java.time on the wire numbers (days, milliseconds), not
 * Avatica's, which mix the zone the JVM started in with its current one and lose the wall-clock
 * times that a daylight-saving gap skips.
 */
public final class JavaTimeValues {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private JavaTimeValues() {}

  /** The parameter value of a java.time object, or null when {@code value} is not one. */
  static TypedValue parameter(Object value) {
    if (value instanceof LocalDate date) {
      return date(date);
    }
    if (value instanceof LocalTime time) {
      return time(time);
    }
    if (value instanceof OffsetTime time) {
      return parameter(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    }
    if (value instanceof LocalDateTime dateTime) {
      return timestamp(dateTime);
    }
    Instant instant = instant(value);
    if (instant != null) {
      return TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP, instant.toEpochMilli());
    }
    return null;
  }

  /**
   * The parameter value of a java.sql.Date, Time or Timestamp read in {@code zone}, or null when
   * {@code value} is not one.
   */
  static TypedValue parameter(Object value, TimeZone zone) {
    ZoneId id = zone.toZoneId();
    if (value instanceof Timestamp timestamp) {
      return timestamp(timestamp.toInstant().atZone(id).toLocalDateTime());
    }
    if (value instanceof Date date) {
      return date(Instant.ofEpochMilli(date.getTime()).atZone(id).toLocalDate());
    }
    if (value instanceof Time time) {
      return time(Instant.ofEpochMilli(time.getTime()).atZone(id).toLocalTime());
    }
    return null;
  }

  private static TypedValue date(LocalDate date) {
    return TypedValue.ofLocal(ColumnMetaData.Rep.JAVA_SQL_DATE, (int) date.toEpochDay());
  }

  private static TypedValue time(LocalTime time) {
    return TypedValue.ofLocal(
        ColumnMetaData.Rep.JAVA_SQL_TIME, (int) (time.toNanoOfDay() / 1_000_000));
  }

  private static TypedValue timestamp(LocalDateTime dateTime) {
    return TypedValue.ofLocal(
        ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP, dateTime.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private static Instant instant(Object value) {
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

  /** True for the java.time classes {@link #javaTime} can return. */
  public static boolean supports(Class<?> type) {
    return type == LocalDate.class
        || type == LocalTime.class
        || type == LocalDateTime.class
        || type == OffsetDateTime.class
        || type == ZonedDateTime.class
        || type == Instant.class;
  }

  /** True for the column types whose wire value is a number of days or milliseconds. */
  static boolean isTime(int sqlType) {
    return sqlType == Types.DATE || sqlType == Types.TIME || sqlType == Types.TIMESTAMP;
  }

  /**
   * The wall-clock value of a DATE, TIME or TIMESTAMP column from its wire number (days for DATE,
   * milliseconds otherwise), or null for NULL.
   */
  public static LocalDateTime wallClock(int sqlType, Long number) {
    if (number == null) {
      return null;
    }
    long millis = sqlType == Types.DATE ? number * MILLIS_PER_DAY : number;
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(millis, 1000L),
        (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** A wall-clock value as the java.time class asked for ({@link #supports} is true of it). */
  public static <T> T javaTime(LocalDateTime wall, Class<T> type) {
    if (wall == null) {
      return null;
    }
    Object result;
    if (type == LocalDate.class) {
      result = wall.toLocalDate();
    } else if (type == LocalTime.class) {
      result = wall.toLocalTime();
    } else if (type == LocalDateTime.class) {
      result = wall;
    } else if (type == Instant.class) {
      result = wall.toInstant(ZoneOffset.UTC);
    } else if (type == OffsetDateTime.class) {
      result = wall.atOffset(ZoneOffset.UTC);
    } else {
      result = wall.atZone(ZoneOffset.UTC);
    }
    return type.cast(result);
  }

  /** A wall-clock value as the java.sql class of its column type, placed in the calendar's zone. */
  public static Object sqlValue(int sqlType, LocalDateTime wall, Calendar calendar) {
    if (wall == null) {
      return null;
    }
    ZoneId zone = calendar.getTimeZone().toZoneId();
    return switch (sqlType) {
      case Types.DATE -> new Date(millis(wall.toLocalDate().atStartOfDay(), zone));
      case Types.TIME -> new Time(millis(LocalDate.EPOCH.atTime(wall.toLocalTime()), zone));
      default -> {
        Timestamp timestamp = new Timestamp(millis(wall, zone));
        timestamp.setNanos(wall.get(ChronoField.NANO_OF_SECOND));
        yield timestamp;
      }
    };
  }

  private static long millis(LocalDateTime wall, ZoneId zone) {
    return wall.atZone(zone).toInstant().toEpochMilli();
  }
}
