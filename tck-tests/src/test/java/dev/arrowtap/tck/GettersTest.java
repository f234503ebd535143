package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Integer getters refuse a value outside their type with 22003 naming it, instead of a wrapped
 * number or 0; java.time getters read the date and time columns.
 */
class GettersTest {
  private static final String VALUES =
      "SELECT CAST(120000000000000000000000000 AS DECIMAL(38, 2)) AS big,"
          + " CAST(1e300 AS DOUBLE) AS huge, CAST('NaN' AS DOUBLE) AS nan,"
          + " CAST('-Infinity' AS DOUBLE) AS minus_infinity,"
          + " CAST(9223372036854775807 AS DECIMAL(38, 0)) AS long_max,"
          + " CAST(-2147483648.9 AS DECIMAL(12, 1)) AS int_min,"
          + " CAST(1e18 AS DOUBLE) AS big_double, CAST(40000 AS BIGINT) AS medium";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void integerGettersRefuseValuesOutOfRange(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(VALUES)) {
      assertTrue(rs.next());
      for (String column : List.of("big", "huge", "nan", "minus_infinity")) {
        for (Getter getter : List.<Getter>of(rs::getLong, rs::getInt, rs::getShort, rs::getByte)) {
          SQLException error = assertThrows(SQLException.class, () -> getter.get(column));
          assertEquals("22003", error.getSQLState(), column);
          assertTrue(error.getMessage().contains(column), error.getMessage());
        }
      }
      SQLException big = assertThrows(SQLException.class, () -> rs.getLong("big"));
      assertTrue(big.getMessage().contains("120000000000000000000000000"), big.getMessage());
      assertTrue(
          assertThrows(SQLException.class, () -> rs.getLong("nan")).getMessage().contains("NaN"));
      assertEquals(new BigDecimal("120000000000000000000000000.00"), rs.getBigDecimal("big"));
      assertEquals(Long.MAX_VALUE, rs.getLong("long_max"));
      assertEquals(Integer.MIN_VALUE, rs.getInt("int_min"), "a fraction is dropped toward zero");
      assertEquals(1_000_000_000_000_000_000L, rs.getLong("big_double"));
      assertEquals(
          "22003", assertThrows(SQLException.class, () -> rs.getInt("big_double")).getSQLState());
      assertEquals(40_000, rs.getInt("medium"));
      assertEquals(
          "22003", assertThrows(SQLException.class, () -> rs.getShort("medium")).getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void javaTimeGettersReadDateAndTimeColumns(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT paid_at, CAST(paid_at AS TIMESTAMP) AS wall,"
                    + " CAST(paid_at AS DATE) AS paid_day FROM edge.sales WHERE id = 5")) {
      assertTrue(rs.next());
      Instant paid = EdgeFeeds.paidAt(5);
      LocalDateTime wall = LocalDateTime.ofInstant(paid, ZoneOffset.UTC);
      for (String column : List.of("paid_at", "wall")) {
        assertEquals(wall, rs.getObject(column, LocalDateTime.class), column);
        assertEquals(paid, rs.getObject(column, Instant.class), column);
        assertEquals(paid.atOffset(ZoneOffset.UTC), rs.getObject(column, OffsetDateTime.class));
        assertEquals(wall.toLocalDate(), rs.getObject(column, LocalDate.class), column);
      }
      assertEquals(wall.toLocalDate(), rs.getObject("paid_day", LocalDate.class));
      assertEquals(
          wall.toLocalDate().atStartOfDay(), rs.getObject("paid_day", LocalDateTime.class));
    }
  }

  /** One getter of a result set, by column label. */
  @FunctionalInterface
  private interface Getter {
    Object get(String column) throws SQLException;
  }
}
