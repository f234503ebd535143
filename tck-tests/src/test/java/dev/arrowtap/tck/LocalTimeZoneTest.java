package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8: a feed column declared {@code timestamptz} is TIMESTAMP WITH LOCAL TIME ZONE, an
 * instant: Instant and OffsetDateTime read it, a java.sql.Timestamp holds that instant in any zone,
 * and metadata names the type (DATA_TYPE TIMESTAMP, as PostgreSQL's driver reports its
 * timestamptz).
 */
class LocalTimeZoneTest {
  private static final Instant FIRST = Instant.parse("2024-03-01T12:30:45.123Z");
  private static final Instant THIRD = Instant.parse("2024-03-10T10:30:00Z");

  @ParameterizedTest
  @EnumSource(Mode.class)
  void timestamptzColumnsAreInstants(Mode mode) throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    try (Connection connection = TypedFeeds.INSTANCE.connect(mode)) {
      try (ResultSet rs =
          connection.getMetaData().getColumns(null, "typed", "times", "happened_tz")) {
        assertTrue(rs.next());
        assertEquals(Types.TIMESTAMP, rs.getInt("DATA_TYPE"));
        assertEquals("TIMESTAMP WITH LOCAL TIME ZONE", rs.getString("TYPE_NAME"));
      }
      try (PreparedStatement statement =
              connection.prepareStatement("SELECT happened_tz FROM typed.times ORDER BY id");
          ResultSet rs = statement.executeQuery()) {
        assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(1));
        assertEquals("TIMESTAMP WITH LOCAL TIME ZONE", rs.getMetaData().getColumnTypeName(1));
        assertTrue(rs.next());
        assertEquals(FIRST, rs.getObject(1, Instant.class));
        assertEquals(FIRST.atOffset(ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
        // An instant needs no calendar: every way of reading it gives the same one.
        assertEquals(FIRST, rs.getTimestamp(1).toInstant());
        Calendar kolkata = Calendar.getInstance(TimeZone.getTimeZone("Asia/Kolkata"));
        assertEquals(FIRST, rs.getTimestamp(1, kolkata).toInstant());
        assertEquals(FIRST, ((Timestamp) rs.getObject(1)).toInstant());
        assertTrue(rs.next());
        assertTrue(rs.next());
        assertEquals(THIRD, rs.getObject(1, Instant.class));
        assertEquals(THIRD, rs.getTimestamp(1).toInstant());
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id FROM typed.times WHERE happened_tz >= ? ORDER BY id")) {
        statement.setObject(1, FIRST.atOffset(ZoneOffset.ofHours(5)));
        assertEquals(List.of(1L, 3L), ids(statement));
        statement.setTimestamp(1, Timestamp.from(THIRD));
        assertEquals(List.of(3L), ids(statement));
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id FROM typed.times WHERE happened_tz >= CAST(TIMESTAMP '2024-03-01"
                  + " 12:30:45.123' AS TIMESTAMP WITH LOCAL TIME ZONE) ORDER BY id")) {
        assertEquals(List.of(1L, 3L), ids(statement));
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  private static List<Long> ids(PreparedStatement statement) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
