package dev.arrowtap.jdbc.arrow;

import dev.arrowtap.jdbc.JavaTimeValues;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.IntSupplier;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * DATE, TIME, TIMESTAMP and TIMESTAMP WITH LOCAL TIME ZONE values. The vector holds the wall clock
 * as a number (days, milliseconds), so values are exact in any JVM zone: a java.sql value is that
 * wall clock in the calendar's zone, a java.time value the wall clock itself, and a TIMESTAMP WITH
 * LOCAL TIME ZONE an instant whatever the calendar.
 */
final class TemporalAccessor extends VectorAccessor {
  private static final Calendar UTC =
      Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);

  private final ValueVector vector;
  private final int sqlType;
  private final boolean instant;
  private final Calendar localCalendar;
  private final int precision;

  TemporalAccessor(
      ValueVector vector,
      IntSupplier row,
      boolean[] wasNull,
      Calendar localCalendar,
      int precision) {
    super(vector, row, wasNull);
    this.vector = vector;
    this.sqlType =
        vector instanceof DateDayVector
            ? Types.DATE
            : vector instanceof TimeMilliVector ? Types.TIME : Types.TIMESTAMP;
    this.instant =
        vector instanceof TimeStampVector
            && vector.getField().getType()
                instanceof org.apache.arrow.vector.types.pojo.ArrowType.Timestamp timestamp
            && timestamp.getTimezone() != null;
    this.localCalendar = localCalendar;
    this.precision = precision;
  }

  /** Days for a DATE, milliseconds otherwise, as the engine keeps them. */
  @Override
  public long getLong() {
    if (isNull()) {
      return 0L;
    }
    int row = row();
    if (vector instanceof DateDayVector days) {
      return days.get(row);
    }
    if (vector instanceof TimeMilliVector millis) {
      return millis.get(row);
    }
    return ((TimeStampVector) vector).get(row);
  }

  private LocalDateTime wallClock() {
    long number = getLong();
    return JavaTimeValues.wallClock(sqlType, wasNull() ? null : number);
  }

  private Calendar orLocal(Calendar calendar) {
    return calendar == null ? localCalendar : calendar;
  }

  @Override
  public Date getDate(Calendar calendar) {
    return (Date) JavaTimeValues.sqlValue(Types.DATE, wallClock(), orLocal(calendar));
  }

  @Override
  public Time getTime(Calendar calendar) {
    return (Time) JavaTimeValues.sqlValue(Types.TIME, wallClock(), orLocal(calendar));
  }

  @Override
  public Timestamp getTimestamp(Calendar calendar) {
    return (Timestamp)
        JavaTimeValues.sqlValue(Types.TIMESTAMP, wallClock(), instant ? UTC : orLocal(calendar));
  }

  @Override
  public Object getObject() {
    return JavaTimeValues.sqlValue(sqlType, wallClock(), instant ? UTC : localCalendar);
  }

  @Override
  public String getString() {
    long number = getLong();
    if (wasNull()) {
      return null;
    }
    return switch (sqlType) {
      case Types.DATE -> DateTimeUtils.unixDateToString((int) number);
      case Types.TIME -> DateTimeUtils.unixTimeToString((int) number, precision);
      default -> DateTimeUtils.unixTimestampToString(number, precision);
    };
  }

  @Override
  public <T> T getObject(Class<T> type) throws SQLException {
    if (type != null && JavaTimeValues.supports(type)) {
      return JavaTimeValues.javaTime(wallClock(), type);
    }
    return super.getObject(type);
  }
}
