package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A query's ResultSetMetaData says what {@code getColumns} says about the same columns: type, name,
 * precision (JDBC's COLUMN_SIZE, never -1), scale, nullability, and a display size as wide as the
 * value's text. Checked for every column of feeds, of every sys table and of numbers(), in a JVM
 * zone other than UTC.
 */
class MetadataAgreementTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void resultSetMetaDataAgreesWithGetColumns(Mode mode) throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    try {
      List<String> tables = new ArrayList<>();
      try (Connection connection = TypedFeeds.INSTANCE.connect(mode)) {
        tables.addAll(agree(connection, "typed", "times"));
        tables.addAll(agree(connection, "sys", "%"));
      }
      try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
        tables.addAll(agree(connection, "edge", "sales"));
      }
      assertTrue(
          tables.containsAll(
              List.of("typed.times", "edge.sales", "sys.queries", "sys.task_metrics")),
          tables.toString());
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  /** numbers() has no getColumns row; its BIGINT is described as a feed's BIGINT is. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void tableFunctionColumnsFollowTheSameRule(Mode mode) throws SQLException {
    try (Connection connection = EdgeFeeds.INSTANCE.connect(mode)) {
      Map<String, Object> id = getColumns(connection.getMetaData(), "edge", "sales").get("id");
      try (PreparedStatement statement =
              connection.prepareStatement("SELECT number FROM numbers(0, 3) WHERE number > ?");
          PreparedStatement sys =
              connection.prepareStatement("SELECT number FROM sys.numbers(0, 3)")) {
        for (ResultSetMetaData md : List.of(statement.getMetaData(), sys.getMetaData())) {
          assertEquals(Types.BIGINT, md.getColumnType(1));
          assertEquals(id.get("TYPE_NAME"), md.getColumnTypeName(1));
          assertEquals(id.get("COLUMN_SIZE"), md.getPrecision(1));
          assertEquals(id.get("DECIMAL_DIGITS"), md.getScale(1));
          assertEquals(20, md.getColumnDisplaySize(1), "-9223372036854775808");
          assertTrue(md.isSearchable(1));
        }
      }
    }
  }

  /** Searchable columns can be compared in a WHERE; each one is tried. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void searchableColumnsWorkInAWhere(Mode mode) throws SQLException {
    try (Connection connection = TypedFeeds.INSTANCE.connect(mode);
        Statement statement = connection.createStatement()) {
      ResultSetMetaData md;
      try (ResultSet rs = statement.executeQuery("SELECT * FROM typed.times")) {
        md = rs.getMetaData();
        int searchable = 0;
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String column = md.getColumnName(i);
          boolean array = md.getColumnType(i) == Types.ARRAY;
          assertEquals(!array, md.isSearchable(i), column);
          if (md.isSearchable(i)) {
            searchable++;
            try (Statement where = connection.createStatement();
                ResultSet count =
                    where.executeQuery(
                        "SELECT count(*) FROM typed.times WHERE "
                            + column
                            + " = (SELECT min("
                            + column
                            + ") FROM typed.times)")) {
              assertTrue(count.next());
              assertEquals(1, count.getLong(1), column);
            }
          }
        }
        assertEquals(5, searchable);
      }
    }
  }

  /** Compares every column of the tables that match; returns their names. */
  private static List<String> agree(Connection connection, String schema, String tablePattern)
      throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = metaData.getTables(null, schema, tablePattern, null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    assertFalse(tables.isEmpty(), schema + "." + tablePattern);
    for (String table : tables) {
      int dot = table.indexOf('.');
      Map<String, Map<String, Object>> columns =
          getColumns(metaData, table.substring(0, dot), table.substring(dot + 1));
      try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + table)) {
        ResultSetMetaData prepared = statement.getMetaData();
        compare(table, columns, prepared);
        try (ResultSet rs = statement.executeQuery()) {
          compare(table, columns, rs.getMetaData());
        }
      }
    }
    return tables;
  }

  private static void compare(
      String table, Map<String, Map<String, Object>> columns, ResultSetMetaData md)
      throws SQLException {
    assertEquals(columns.size(), md.getColumnCount(), table);
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Map<String, Object> column = columns.get(md.getColumnName(i));
      String where = table + "." + md.getColumnName(i);
      assertTrue(column != null, where + " is not in getColumns " + columns.keySet());
      assertEquals(column.get("ORDINAL_POSITION"), i, where);
      assertEquals(column.get("DATA_TYPE"), md.getColumnType(i), where);
      assertEquals(column.get("TYPE_NAME"), md.getColumnTypeName(i), where);
      Object size = column.get("COLUMN_SIZE");
      assertTrue(size == null || (Integer) size > 0, where + " COLUMN_SIZE " + size);
      assertEquals(size == null ? 0 : size, md.getPrecision(i), where + " precision");
      Object digits = column.get("DECIMAL_DIGITS");
      assertEquals(digits == null ? 0 : digits, md.getScale(i), where + " scale");
      assertEquals(column.get("NULLABLE"), md.isNullable(i), where + " nullable");
      int display = md.getColumnDisplaySize(i);
      assertTrue(display > 0, where + " display size " + display);
      int type = md.getColumnType(i);
      if (type == Types.VARCHAR
          || type == Types.CHAR
          || type == Types.TIMESTAMP
          || type == Types.DATE
          || type == Types.TIME) {
        assertEquals(size, display, where + " display size");
      }
      if (type == Types.TIMESTAMP && !table.startsWith("sys.")) {
        assertEquals(3, md.getScale(i), where + ": milliseconds");
        assertEquals(23, md.getPrecision(i), where + ": yyyy-mm-dd hh:mm:ss.fff");
      }
      assertEquals(type != Types.ARRAY, md.isSearchable(i), where + " searchable");
    }
  }

  /** getColumns of one table: name to the row's values. */
  private static Map<String, Map<String, Object>> getColumns(
      DatabaseMetaData metaData, String schema, String table) throws SQLException {
    Map<String, Map<String, Object>> columns = new HashMap<>();
    try (ResultSet rs = metaData.getColumns(null, schema, table, "%")) {
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        row.put("DATA_TYPE", rs.getInt("DATA_TYPE"));
        row.put("TYPE_NAME", rs.getString("TYPE_NAME"));
        int size = rs.getInt("COLUMN_SIZE");
        row.put("COLUMN_SIZE", rs.wasNull() ? null : size);
        int digits = rs.getInt("DECIMAL_DIGITS");
        row.put("DECIMAL_DIGITS", rs.wasNull() ? null : digits);
        row.put("NULLABLE", rs.getInt("NULLABLE"));
        row.put("ORDINAL_POSITION", rs.getInt("ORDINAL_POSITION"));
        columns.put(rs.getString("COLUMN_NAME"), row);
      }
    }
    return columns;
  }
}
