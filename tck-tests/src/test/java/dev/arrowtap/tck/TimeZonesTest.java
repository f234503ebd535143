package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8: DATE and TIMESTAMP are wall-clock values whatever the JVM's default time zone; the same
 * values go in and come out in Los Angeles (behind UTC, with daylight saving) and Kolkata (ahead by
 * a half hour), in both modes.
 */
class TimeZonesTest {
  private static final LocalDate DAY = LocalDate.of(2024, 2, 29);
  private static final LocalDateTime WALL = LocalDateTime.of(2024, 3, 1, 12, 30, 45, 123_000_000);
  private static final LocalDateTime BEFORE_EPOCH =
      LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000);

  static Stream<Arguments> zones() {
    List<Arguments> cases = new ArrayList<>();
    for (String zone : List.of("America/Los_Angeles", "Asia/Kolkata")) {
      for (Mode mode : Mode.values()) {
        cases.add(Arguments.of(mode, zone));
      }
    }
    return cases.stream();
  }

  /** Runs the body with the JVM's default time zone set to {@code zone}. */
  private static void inZone(String zone, ZoneBody body) throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      body.run();
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void javaTimeParametersAndValuesRoundTrip(Mode mode, String zone) throws SQLException {
    inZone(
        zone,
        () -> {
          try (Connection connection = mode.connect();
              PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMP(3)) AS ts,"
                          + " CAST(? AS TIMESTAMP(3)) AS odt, CAST(? AS TIMESTAMP(3)) AS i,"
                          + " CAST(? AS TIME) AS t, CAST(? AS TIMESTAMP(3)) AS early,"
                          + " CAST(? AS DATE) = DATE '2024-02-29' AS same_day,"
                          + " CAST(? AS TIMESTAMP(3)) = TIMESTAMP '2024-03-01 12:30:45.123'"
                          + " AS same_time")) {
            statement.setObject(1, DAY);
            statement.setObject(2, WALL);
            statement.setObject(3, WALL.atOffset(ZoneOffset.UTC).withOffsetSameInstant(hours(-7)));
            statement.setObject(4, WALL.toInstant(ZoneOffset.UTC));
            statement.setObject(5, LocalTime.of(0, 15));
            statement.setObject(6, BEFORE_EPOCH);
            statement.setObject(7, DAY);
            statement.setObject(8, WALL);
            try (ResultSet rs = statement.executeQuery()) {
              assertTrue(rs.next());
              assertEquals(DAY, rs.getObject("d", LocalDate.class), zone);
              assertEquals(DAY, rs.getDate("d").toLocalDate(), zone);
              for (String column : List.of("ts", "odt", "i")) {
                assertEquals(WALL, rs.getObject(column, LocalDateTime.class), column);
                assertEquals(WALL, rs.getTimestamp(column).toLocalDateTime(), column);
                assertEquals(
                    WALL.toInstant(ZoneOffset.UTC), rs.getObject(column, Instant.class), column);
                assertEquals(
                    WALL.atOffset(ZoneOffset.UTC), rs.getObject(column, OffsetDateTime.class));
              }
              assertEquals(LocalTime.of(0, 15), rs.getObject("t", LocalTime.class));
              assertEquals(LocalTime.of(0, 15), rs.getTime("t").toLocalTime());
              assertEquals(BEFORE_EPOCH, rs.getObject("early", LocalDateTime.class));
              assertEquals(BEFORE_EPOCH, rs.getTimestamp("early").toLocalDateTime());
              assertEquals("2024-03-01 12:30:45.123", rs.getString("ts"));
              assertEquals("2024-02-29", rs.getString("d"));
              assertTrue(rs.getBoolean("same_day"), zone);
              assertTrue(rs.getBoolean("same_time"), zone);
            }
          }
        });
  }

  @ParameterizedTest
  @MethodSource("zones")
  void jdbcDatesAndTimestampsAreWallClockValues(Mode mode, String zone) throws SQLException {
    inZone(
        zone,
        () -> {
          Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
          try (Connection connection = mode.connect();
              PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT CAST(? AS DATE) = DATE '2024-02-29',"
                          + " CAST(? AS TIMESTAMP(3)) = TIMESTAMP '2024-03-01 12:30:45.123',"
                          + " CAST(? AS TIMESTAMP(3)) = TIMESTAMP '2024-03-01 12:30:45.123',"
                          + " CAST(? AS DATE) = DATE '2024-02-29',"
                          + " DATE '2024-02-29', TIMESTAMP '2024-03-01 12:30:45.123'")) {
            // Without a calendar, JDBC reads a java.sql value in the JVM's zone: its wall clock.
            statement.setDate(1, Date.valueOf(DAY));
            statement.setTimestamp(2, Timestamp.valueOf(WALL));
            // With a calendar, the instant is read in the calendar's zone.
            statement.setTimestamp(3, Timestamp.from(WALL.toInstant(ZoneOffset.UTC)), utc);
            statement.setDate(
                4, new Date(DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()), utc);
            try (ResultSet rs = statement.executeQuery()) {
              assertTrue(rs.next());
              for (int i = 1; i <= 4; i++) {
                assertTrue(rs.getBoolean(i), zone + " parameter " + i);
              }
              assertEquals(DAY, rs.getDate(5).toLocalDate());
              assertEquals(
                  DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                  rs.getDate(5, utc).getTime());
              assertEquals(WALL, rs.getTimestamp(6).toLocalDateTime());
              assertEquals(WALL.toInstant(ZoneOffset.UTC), rs.getTimestamp(6, utc).toInstant());
              assertEquals(WALL, rs.getObject(6, LocalDateTime.class));
              assertEquals(WALL, ((Timestamp) rs.getObject(6)).toLocalDateTime());
              assertEquals(DAY, ((Date) rs.getObject(5)).toLocalDate());
            }
          }
        });
  }

  @ParameterizedTest
  @MethodSource("zones")
  void feedValuesReadAndFilterTheSameInEveryZone(Mode mode, String zone) throws SQLException {
    inZone(
        zone,
        () -> {
          try (Connection connection = TypedFeeds.INSTANCE.connect(mode)) {
            try (PreparedStatement statement =
                    connection.prepareStatement(
                        "SELECT d, ts, happened FROM typed.times ORDER BY id");
                ResultSet rs = statement.executeQuery()) {
              assertTrue(rs.next());
              assertEquals(DAY, rs.getObject(1, LocalDate.class));
              assertEquals(DAY, rs.getDate(1).toLocalDate());
              assertEquals(WALL, rs.getObject(2, LocalDateTime.class));
              assertEquals(WALL, rs.getTimestamp(2).toLocalDateTime());
              assertEquals(WALL, rs.getObject(3, LocalDateTime.class)); // 14:30:45+02:00
              assertEquals("2024-03-01 12:30:45.123", rs.getString(2));
              assertTrue(rs.next());
              assertEquals(LocalDate.of(1969, 12, 31), rs.getDate(1).toLocalDate());
              assertEquals(BEFORE_EPOCH, rs.getTimestamp(2).toLocalDateTime());
              assertEquals(BEFORE_EPOCH, rs.getObject(3, LocalDateTime.class));
              assertTrue(rs.next());
              // 02:30 on 10 March 2024 does not exist in Los Angeles; java.time still reads it.
              assertEquals(
                  LocalDateTime.of(2024, 3, 10, 2, 30), rs.getObject(2, LocalDateTime.class));
              assertEquals(
                  LocalDateTime.of(2024, 3, 10, 10, 30), rs.getObject(3, LocalDateTime.class));
              assertFalse(rs.next());
            }
            assertEquals(
                List.of(1L), ids(connection, "SELECT id FROM typed.times WHERE ts = ?", WALL));
            assertEquals(
                List.of(1L), ids(connection, "SELECT id FROM typed.times WHERE d = ?", DAY));
            assertEquals(
                List.of(2L),
                ids(
                    connection,
                    "SELECT id FROM typed.times WHERE happened < ?",
                    Timestamp.valueOf(WALL)));
            assertEquals(
                List.of(2L, 3L),
                ids(
                    connection,
                    "SELECT id FROM typed.times WHERE d <> ? ORDER BY id",
                    Date.valueOf(DAY)));
          }
        });
  }

  private static List<Long> ids(Connection connection, String sql, Object parameter)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static ZoneOffset hours(int hours) {
    return ZoneOffset.ofHours(hours);
  }

  /** A test body that may throw SQLException. */
  @FunctionalInterface
  private interface ZoneBody {
    void run() throws SQLException;
  }
}
