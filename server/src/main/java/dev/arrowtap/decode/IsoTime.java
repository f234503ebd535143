package dev.arrowtap.decode;

/**
 * Parses the common ISO-8601 shapes straight from a char array, without allocating: a date, or a
 * date and time with optional seconds, fraction and zone offset. java.time is about ten times
 * slower and would dominate the decode of timestamp columns.
 */
final class IsoTime {
  /** Returned when the text is not one of the shapes handled here. */
  static final long NOT_ISO = Long.MIN_VALUE;

  static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoTime() {}

  /** Epoch millis (UTC when the text has no zone) of a date or date-time, or {@link #NOT_ISO}. */
  static long parseMillis(char[] c, int off, int len) {
    long day = parseDay(c, off, len);
    if (day == NOT_ISO) {
      return NOT_ISO;
    }
    if (len == 10) {
      return day * MILLIS_PER_DAY;
    }
    char sep = c[off + 10];
    if ((sep != 'T' && sep != 't' && sep != ' ') || len < 16 || c[off + 13] != ':') {
      return NOT_ISO;
    }
    int hour = twoDigits(c, off + 11);
    int minute = twoDigits(c, off + 14);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return NOT_ISO;
    }
    int i = off + 16;
    int end = off + len;
    int second = 0;
    int millis = 0;
    if (i < end && c[i] == ':') {
      second = i + 2 < end ? twoDigits(c, i + 1) : -1;
      if (second < 0 || second > 59) {
        return NOT_ISO;
      }
      i += 3;
      if (i < end && (c[i] == '.' || c[i] == ',')) {
        int digits = 0;
        i++;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
          if (digits < 3) {
            millis = millis * 10 + (c[i] - '0');
          }
          digits++;
          i++;
        }
        if (digits == 0 || digits > 9) {
          return NOT_ISO;
        }
        for (int d = digits; d < 3; d++) {
          millis *= 10;
        }
      }
    }
    int offsetSeconds = 0;
    if (i < end) {
      offsetSeconds = parseOffset(c, i, end);
      if (offsetSeconds == Integer.MIN_VALUE) {
        return NOT_ISO;
      }
    }
    long seconds = day * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return seconds * 1000L + millis;
  }

  /** Epoch day of text that is exactly {@code yyyy-MM-dd} or starts with it, or NOT_ISO. */
  static long parseDay(char[] c, int off, int len) {
    if (len < 10 || c[off + 4] != '-' || c[off + 7] != '-') {
      return NOT_ISO;
    }
    int year = twoDigits(c, off) * 100 + twoDigits(c, off + 2);
    int month = twoDigits(c, off + 5);
    int day = twoDigits(c, off + 8);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return NOT_ISO;
    }
    return epochDay(year, month, day);
  }

  /** Whether the text is exactly a date, {@code yyyy-MM-dd}. */
  static boolean isDate(char[] c, int off, int len) {
    return len == 10 && parseDay(c, off, len) != NOT_ISO;
  }

  private static int parseOffset(char[] c, int i, int end) {
    char sign = c[i];
    if ((sign == 'Z' || sign == 'z') && i + 1 == end) {
      return 0;
    }
    if (sign != '+' && sign != '-') {
      return Integer.MIN_VALUE;
    }
    int n = end - i - 1;
    int hours = n >= 2 ? twoDigits(c, i + 1) : -1;
    int minutes;
    if (n == 2) {
      minutes = 0;
    } else if (n == 4) {
      minutes = twoDigits(c, i + 3);
    } else if (n == 5 && c[i + 3] == ':') {
      minutes = twoDigits(c, i + 4);
    } else {
      return Integer.MIN_VALUE;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int total = hours * 3600 + minutes * 60;
    return sign == '-' ? -total : total;
  }

  private static int twoDigits(char[] c, int i) {
    int a = c[i] - '0';
    int b = c[i + 1] - '0';
    if (a < 0 || a > 9 || b < 0 || b > 9) {
      return -10_000;
    }
    return a * 10 + b;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 29 : 28;
    }
    return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }
}
