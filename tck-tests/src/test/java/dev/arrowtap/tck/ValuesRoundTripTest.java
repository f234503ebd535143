package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.flightsql.FlightSqlEndpoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * Every supported type reads the same on every path: embedded as Arrow batches, embedded as JSON
 * rows ({@code result_format=rows}), remote (JSON rows) and the Flight SQL endpoint through the
 * Arrow Flight SQL JDBC driver, in a JVM whose zone is not UTC (one with a daylight-saving gap the
 * timestamps fall into).
 */
class ValuesRoundTripTest {
  private static final String COLUMN_END = "; ";

  /** Between what getObject/getString give and what the typed getters give. */
  private static final String TYPED = " | ";

  /**
   * Columns the Arrow Flight SQL JDBC driver reads wrong in a JVM whose zone is not UTC: it moves
   * TIME and TIMESTAMP values by the zone's offset (apache/arrow-java#732, see docs/connecting.md),
   * and a DATE too once its classes were loaded in another zone (earlier tests of the suite run in
   * UTC). Every other column must agree.
   */
  private static final Set<String> FLIGHT_SQL_ZONE_SHIFTED = Set.of("d", "t", "ts", "tstz");

  private static final String SQL =
      "SELECT number AS n,"
          + " CASE WHEN number = 2 THEN NULL ELSE 9007199254740993 + number END AS big,"
          + " CASE WHEN number = 2 THEN NULL ELSE CAST(number + 7 AS INTEGER) END AS i,"
          + " CASE WHEN number = 2 THEN NULL ELSE CAST(number AS DOUBLE) / 0 END AS special,"
          + " CASE WHEN number = 2 THEN NULL ELSE CAST(number AS DOUBLE) / 3 END AS third,"
          + " CASE WHEN number = 2 THEN NULL ELSE"
          + " CAST('12345678901234567890123456789012345678' AS DECIMAL(38, 0)) END AS wide,"
          + " CASE WHEN number = 2 THEN NULL ELSE CAST(number AS DECIMAL(10, 2)) / 4 END AS quarter,"
          + " CASE WHEN number = 2 THEN NULL ELSE 'text ' || CAST(number AS VARCHAR) END AS s,"
          + " CASE WHEN number = 2 THEN NULL ELSE '{\"a\": [1, 2]}' END AS json_text,"
          + " CASE WHEN number = 2 THEN NULL ELSE number = 1 END AS flag,"
          + " CASE WHEN number = 2 THEN NULL ELSE DATE '2024-03-10' END AS d,"
          + " CASE WHEN number = 2 THEN NULL ELSE TIME '02:30:15' END AS t,"
          + " CASE WHEN number = 2 THEN NULL ELSE TIMESTAMP '2024-03-10 02:30:15.123' END AS ts,"
          + " CASE WHEN number = 2 THEN NULL ELSE CAST(TIMESTAMP '2024-03-10 02:30:15.123'"
          + " AS TIMESTAMP WITH LOCAL TIME ZONE) END AS tstz,"
          + " CASE WHEN number = 2 THEN NULL ELSE ARRAY[number, 9007199254740993] END AS longs,"
          + " CASE WHEN number = 2 THEN NULL ELSE ARRAY['x', 'y'] END AS strings,"
          + " CASE WHEN number = 2 THEN NULL ELSE ARRAY[1.5E0, CAST(number AS DOUBLE)] END"
          + " AS doubles"
          + " FROM numbers(0, 3) ORDER BY number";

  @Test
  void everyPathReadsTheSameValues() throws Exception {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    try {
      List<String> arrow = read(Mode.EMBEDDED.connect());
      List<String> embeddedRows = read(Mode.EMBEDDED.connect("result_format", "rows"));
      List<String> remote = read(Mode.REMOTE.connect());
      assertEquals(embeddedRows, arrow, "embedded Arrow against embedded rows");
      assertEquals(remote, arrow, "embedded Arrow against remote rows");
      // Another driver formats getObject and getString its own way: compare the typed getters.
      assertEquals(
          typed(arrow, FLIGHT_SQL_ZONE_SHIFTED), flightSql(), "embedded Arrow against Flight SQL");
      String first = arrow.get(0);
      assertTrue(first.contains("big=9007199254740993/"), first);
      assertTrue(first.contains("special=NaN/"), first);
      assertTrue(arrow.get(1).contains("special=Infinity/"), arrow.get(1));
      assertTrue(first.contains("decimal=12345678901234567890123456789012345678"), first);
      assertTrue(first.contains("local=2024-03-10T02:30:15.123"), first);
      assertTrue(first.contains("elements=[0, 9007199254740993]"), first);
      assertTrue(arrow.get(2).contains("big=null/null"), arrow.get(2));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  /** The rows through the Flight SQL endpoint of an engine of its own, read by Arrow's driver. */
  private static List<String> flightSql() throws Exception {
    try (ArrowtapEngine engine = new ArrowtapEngine(EngineConfig.defaults());
        FlightSqlEndpoint endpoint =
            FlightSqlEndpoint.start(engine, "127.0.0.1", 0, Optional.empty(), Optional.empty())) {
      // Closing the endpoint closes its allocator, which fails on memory a result kept.
      return typed(
          read(
              DriverManager.getConnection(
                  "jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port() + "?useEncryption=false"),
              false),
          FLIGHT_SQL_ZONE_SHIFTED);
    }
  }

  /**
   * Only the typed getters' part of each column, what two drivers must agree on, without the
   * columns named in {@code skipped}.
   */
  private static List<String> typed(List<String> rows, Set<String> skipped) {
    List<String> typed = new ArrayList<>();
    for (String row : rows) {
      StringBuilder kept = new StringBuilder();
      for (String column : row.split(COLUMN_END, -1)) {
        String name = column.substring(0, Math.max(0, column.indexOf('=')));
        if (column.isEmpty() || skipped.contains(name)) {
          continue;
        }
        String getters = column.substring(column.indexOf(TYPED) + TYPED.length());
        int offset = getters.indexOf(" offset=");
        kept.append(name)
            .append('=')
            .append(offset < 0 ? getters : getters.substring(0, offset))
            .append(COLUMN_END);
      }
      typed.add(kept.toString());
    }
    return typed;
  }

  /** Every column of every row, through the getters a client uses for its type. */
  private static List<String> read(Connection connection) throws SQLException {
    return read(connection, true);
  }

  /**
   * Every column of every row; without {@code offsets}, a TIMESTAMP is not read as an
   * OffsetDateTime (Arrow's Flight SQL driver refuses that for a timestamp without a zone).
   */
  private static List<String> read(Connection connection, boolean offsets) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(SQL)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT))
              .append('=')
              .append(value(rs, i, meta.getColumnType(i), offsets))
              .append(COLUMN_END);
        }
        rows.add(row.toString());
      }
      assertFalse(rs.next());
    }
    return rows;
  }

  private static String value(ResultSet rs, int i, int type, boolean offsets) throws SQLException {
    Object object = rs.getObject(i);
    String text = rs.getString(i);
    boolean wasNull = rs.wasNull();
    String base = (object instanceof byte[] ? "bytes" : String.valueOf(object)) + "/" + text;
    if (wasNull) {
      return base + TYPED + "null";
    }
    return base + TYPED + typedValue(rs, i, type, offsets);
  }

  private static String typedValue(ResultSet rs, int i, int type, boolean offsets)
      throws SQLException {
    return switch (type) {
      case Types.BIGINT, Types.INTEGER -> "long=" + rs.getLong(i);
      case Types.DOUBLE -> "double=" + rs.getDouble(i);
      case Types.DECIMAL -> "decimal=" + rs.getBigDecimal(i).toPlainString();
      case Types.BOOLEAN -> "boolean=" + rs.getBoolean(i);
      case Types.DATE ->
          "date=" + rs.getDate(i) + " local=" + rs.getObject(i, java.time.LocalDate.class);
      case Types.TIME -> "time=" + rs.getTime(i);
      case Types.TIMESTAMP ->
          "timestamp="
              + rs.getTimestamp(i).getTime()
              + " local="
              + rs.getObject(i, LocalDateTime.class)
              + (offsets ? " offset=" + rs.getObject(i, OffsetDateTime.class) : "");
      case Types.ARRAY -> "elements=" + elements(rs.getArray(i));
      default -> "string=" + rs.getString(i);
    };
  }

  private static String elements(Array array) throws SQLException {
    Object values = array.getArray();
    if (values instanceof Object[] objects) {
      return Arrays.deepToString(objects);
    }
    return values instanceof List<?> list ? list.toString() : String.valueOf(values);
  }
}
