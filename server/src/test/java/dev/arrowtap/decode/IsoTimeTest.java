package dev.arrowtap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The hand-written ISO-8601 parser agrees with java.time and refuses what java.time refuses. */
class IsoTimeTest {
  private static long parse(String text) {
    return IsoTime.parseMillis(text.toCharArray(), 0, text.length());
  }

  @Test
  void agreesWithJavaTime() {
    for (String instant :
        new String[] {
          "1970-01-01T00:00:00Z",
          "2000-02-29T12:34:56.789Z",
          "1900-03-01T00:00:00Z",
          "1601-01-01T00:00:00Z",
          "2399-12-31T23:59:59.999Z",
          "0001-01-01T00:00:00Z"
        }) {
      assertEquals(Instant.parse(instant).toEpochMilli(), parse(instant), instant);
    }
    for (int year = 1890; year < 2110; year += 7) {
      for (int month = 1; month <= 12; month++) {
        LocalDate date = LocalDate.of(year, month, month == 2 ? 28 : 30);
        assertEquals(date.toEpochDay() * IsoTime.MILLIS_PER_DAY, parse(date.toString()));
      }
    }
  }

  @Test
  void offsetsAndFractions() {
    assertEquals(parse("2024-01-01T10:00:00Z"), parse("2024-01-01T12:00:00+02:00"));
    assertEquals(parse("2024-01-01T10:00:00Z"), parse("2024-01-01T05:30:00-0430"));
    assertEquals(parse("2024-01-01T10:00:00Z"), parse("2024-01-01T11:00:00+01"));
    assertEquals(parse("2024-01-01T10:00:00.120Z"), parse("2024-01-01T10:00:00.12"));
    assertEquals(parse("2024-01-01T10:00:00.123Z"), parse("2024-01-01t10:00:00.123999999z"));
  }

  @Test
  void refusesImpossibleOrOtherShapes() {
    for (String text :
        new String[] {
          "2023-02-29", "2024-13-01", "2024-04-31", "2024-01-01T24:00:00Z", "2024-01-01T10:60Z",
          "2024-01-01T10:00:00+1", "2024-01-01T10:00:00.Z", "2024-1-01", "20240101", "hello world",
          "2024-01-01T10:00:00.1234567891Z", "2024-01-01X10:00:00"
        }) {
      assertEquals(IsoTime.NOT_ISO, parse(text), text);
    }
  }

  @Test
  void recognisesDatesOnly() {
    char[] date = "2024-01-02".toCharArray();
    assertTrue(IsoTime.isDate(date, 0, date.length));
    char[] timestamp = "2024-01-02T00:00Z".toCharArray();
    assertFalse(IsoTime.isDate(timestamp, 0, timestamp.length));
  }
}
