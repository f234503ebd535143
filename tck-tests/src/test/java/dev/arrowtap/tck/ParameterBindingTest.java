package dev.arrowtap.tck;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parameters bound the way real clients bind them (pandas and Spring a double for a DECIMAL, jOOQ a
 * long for LIMIT, forms a string, a JVM outside UTC a Timestamp) give the right rows or a fitting
 * SQLState, never 0 rows or a ClassCastException; a failed query gives back its memory.
 */
class ParameterBindingTest {
  private static final String BY_AMOUNT = "SELECT id FROM edge.sales WHERE amount = ?";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void doubleAgainstDecimalComparesByValue(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode);
        PreparedStatement statement = connection.prepareStatement(BY_AMOUNT)) {
      statement.setBigDecimal(1, new BigDecimal("272.34"));
      assertEquals(List.of(272L), ids(statement));
      statement.setDouble(1, 272.34);
      assertEquals(List.of(272L), ids(statement));
      statement.setObject(1, 272.34);
      assertEquals(List.of(272L), ids(statement));
      statement.setFloat(1, 5.34f);
      assertEquals(List.of(5L), ids(statement), "a float's shortest form, 5.34");
      statement.setDouble(1, 272.345);
      assertEquals(List.of(), ids(statement), "no amount has three decimals");
      statement.setDouble(1, Double.NaN);
      assertEquals(
          "22003", assertThrows(SQLException.class, statement::executeQuery).getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stringsAreConvertedToTheParametersType(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      assertEquals(List.of(5L), ids(connection, "SELECT id FROM edge.sales WHERE id = ?", " 5 "));
      assertEquals(List.of(272L), ids(connection, BY_AMOUNT, "272.34"));
      assertEquals(
          List.of(5L),
          ids(
              connection,
              "SELECT id FROM edge.sales WHERE paid_at = ? AND id < 100",
              "2024-03-06T05:15:00Z"));
      assertEquals(
          List.of(5L),
          ids(
              connection,
              "SELECT id FROM edge.sales WHERE paid_at = ? AND id < 100",
              "2024-03-06 05:15:00"));
      assertEquals(
          List.of(1L),
          ids(
              connection,
              "SELECT id FROM edge.sales WHERE CAST(paid_at AS DATE) = ? AND id < 3",
              "2024-03-02"));
      assertEquals(
          List.of(1L, 2L, 3L),
          ids(connection, "SELECT id FROM edge.sales ORDER BY id LIMIT ?", "3"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stringsThatAreNotOfTheTypeAreRefusedWith22018(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      for (String[] sqlAndValue :
          new String[][] {
            {"SELECT id FROM edge.sales WHERE id = ?", "five"},
            {"SELECT id FROM edge.sales WHERE id = ?", "5.5"},
            {BY_AMOUNT, "12x"},
            {"SELECT id FROM edge.sales WHERE paid_at >= ?", "yesterday"},
            {"SELECT id FROM edge.sales WHERE CAST(paid_at AS DATE) = ?", "2024-02-30"},
          }) {
        SQLException error =
            assertThrows(SQLException.class, () -> ids(connection, sqlAndValue[0], sqlAndValue[1]));
        assertEquals("22018", error.getSQLState(), error.getMessage());
        assertTrue(error.getMessage().contains("'" + sqlAndValue[1] + "'"), error.getMessage());
        assertTrue(error.getMessage().contains("parameter 1"), error.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void longBindsLimitAndOffset(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode);
        PreparedStatement statement =
            connection.prepareStatement("SELECT id FROM edge.sales ORDER BY id LIMIT ? OFFSET ?")) {
      statement.setLong(1, 3L);
      statement.setLong(2, 10L);
      assertEquals(List.of(11L, 12L, 13L), ids(statement));
      statement.setObject(1, 2L);
      statement.setObject(2, BigDecimal.valueOf(1_198));
      assertEquals(List.of(1_199L, 1_200L), ids(statement));
      statement.setLong(1, 1L << 40);
      assertEquals(
          "22003", assertThrows(SQLException.class, statement::executeQuery).getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void arraysTakeTheirElementTypeFromTheColumn(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      Array bigints = connection.createArrayOf("BIGINT", new Object[] {3L, 1L});
      Array integers = connection.createArrayOf("INTEGER", new Object[] {4, 2});
      String any = "SELECT id FROM edge.sales WHERE id = ANY(?) ORDER BY id";
      String unnest = "SELECT id FROM edge.sales WHERE id IN (SELECT * FROM UNNEST(?)) ORDER BY id";
      try (PreparedStatement statement = connection.prepareStatement(any)) {
        statement.setObject(1, bigints);
        assertEquals(List.of(1L, 3L), ids(statement), "setObject(createArrayOf) as setArray");
        statement.setArray(1, integers);
        assertEquals(List.of(2L, 4L), ids(statement), "INTEGER elements for a BIGINT column");
      }
      try (PreparedStatement statement = connection.prepareStatement(unnest)) {
        statement.setArray(1, integers);
        assertEquals(List.of(2L, 4L), ids(statement));
        statement.setObject(1, new long[] {1, 3});
        assertEquals(List.of(1L, 3L), ids(statement));
      }
    }
  }

  /**
   * In Los Angeles, a TIMESTAMPTZ value read with getTimestamp binds back with setTimestamp as the
   * same instant (as PostgreSQL's driver does), so the row is found and a range counts by instant.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void timestampBindsAsTheInstantAgainstTimestampTz(Mode mode) throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      Timestamp paid;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT paid_at FROM edge.sales WHERE id = 5")) {
        assertTrue(rs.next());
        paid = rs.getTimestamp(1);
      }
      assertEquals(EdgeFeeds.paidAt(5), paid.toInstant());
      List<Long> sameInstant =
          LongStream.rangeClosed(1, EdgeFeeds.ROWS)
              .filter(id -> EdgeFeeds.paidAt(id).equals(EdgeFeeds.paidAt(5)))
              .boxed()
              .toList();
      assertEquals(
          sameInstant,
          ids(connection, "SELECT id FROM edge.sales WHERE paid_at = ? ORDER BY id", paid));
      Timestamp from = Timestamp.valueOf("2024-03-20 00:00:00"); // 07:00Z in Los Angeles
      long later =
          LongStream.rangeClosed(1, EdgeFeeds.ROWS)
              .filter(id -> !EdgeFeeds.paidAt(id).isBefore(from.toInstant()))
              .count();
      assertEquals(
          List.of(later),
          ids(connection, "SELECT count(*) FROM edge.sales WHERE paid_at >= ?", from));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  /** A query that fails after its scan has started gives back all of its Arrow memory. */
  @Test
  void failedQueryFreesItsMemory() throws Exception {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(Mode.REMOTE)) {
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT 100 / (id - ?) FROM edge.sales")) {
          statement.setLong(1, 600);
          SQLException error = assertThrows(SQLException.class, () -> ids(statement));
          assertTrue(error.getSQLState().startsWith("22"), error.getSQLState()); // division by 0
          statement.setString(1, "six hundred");
          assertEquals(
              "22018", assertThrows(SQLException.class, () -> ids(statement)).getSQLState());
        }
      }
      await("the failed queries' memory is freed")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(
              () ->
                  assertEquals(
                      0,
                      EdgeFeeds.INSTANCE.engine.services().rootAllocator().getAllocatedMemory()));
      // The connection still works.
      assertEquals(List.of(1L), ids(connection, "SELECT id FROM edge.sales WHERE id = ?", 1L));
    }
  }

  private static List<Long> ids(Connection connection, String sql, Object value)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, value);
      return ids(statement);
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
