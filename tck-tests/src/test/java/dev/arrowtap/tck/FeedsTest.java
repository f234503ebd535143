package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Feed tables through the JDBC driver, embedded and remote: metadata, queries, errors. */
class FeedsTest {
  private static final DemoFeeds DEMO = DemoFeeds.INSTANCE;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void metadataListsFeedTablesAndTypedColumns(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      Map<String, String> remarks = new TreeMap<>();
      try (ResultSet rs = md.getTables(null, "demo", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
          remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
        }
      }
      assertTrue(remarks.get("users").startsWith("250 users"), remarks.toString());
      assertTrue(
          tables.containsAll(List.of("users", "orders", "events", "products", "tickets", "status")),
          tables.toString());
      Map<String, Integer> columns = new TreeMap<>();
      try (ResultSet rs = md.getColumns(null, "demo", "users", "%")) {
        while (rs.next()) {
          columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        }
      }
      assertEquals(Types.BIGINT, columns.get("id"));
      assertEquals(Types.TIMESTAMP, columns.get("signup_at"));
      assertEquals(Types.BOOLEAN, columns.get("active"));
      assertEquals(Types.DOUBLE, columns.get("score"));
      assertEquals(Types.VARCHAR, columns.get("city"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyPaginationStyleReadsEveryRecordOnce(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode)) {
      // The API's own count of each collection, from its status endpoint.
      Map<String, Long> expected = new TreeMap<>();
      for (String table : List.of("users", "orders", "events", "products", "tickets")) {
        expected.put(
            table,
            single(
                c,
                "SELECT CAST(JSON_VALUE(counts, '$." + table + "') AS BIGINT) FROM demo.status"));
      }
      assertEquals(expected.get("users"), single(c, "SELECT count(DISTINCT id) FROM demo.users"));
      assertEquals(expected.get("orders"), single(c, "SELECT count(DISTINCT id) FROM demo.orders"));
      assertEquals(expected.get("events"), single(c, "SELECT count(DISTINCT id) FROM demo.events"));
      assertEquals(
          expected.get("products"), single(c, "SELECT count(DISTINCT sku) FROM demo.products"));
      assertEquals(
          expected.get("tickets"), single(c, "SELECT count(DISTINCT id) FROM demo.tickets"));
      assertEquals(expected.get("users"), single(c, "SELECT count(*) FROM demo.secure_users"));
    }
  }

  @Test
  void bothModesAnswerAJoinAlike() throws SQLException {
    String sql =
        "SELECT u.country, count(*) AS n, round(sum(o.amount), 2) AS total FROM demo.users u"
            + " JOIN demo.orders o ON o.user_id = u.id GROUP BY u.country ORDER BY u.country";
    List<String> embedded;
    List<String> remote;
    try (Connection c = DEMO.connect(Mode.EMBEDDED)) {
      embedded = lines(c, sql);
    }
    try (Connection c = DEMO.connect(Mode.REMOTE)) {
      remote = lines(c, sql);
    }
    assertFalse(embedded.isEmpty());
    assertEquals(embedded, remote);
    try (Connection c = DEMO.connect(Mode.REMOTE)) {
      long orders = single(c, "SELECT count(*) FROM demo.orders");
      assertEquals(
          orders,
          embedded.stream().mapToLong(line -> Long.parseLong(line.split("\\|", -1)[1])).sum());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readJsonIsLimitedToTheCatalogsHosts(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode);
        Statement s = c.createStatement()) {
      assertEquals(
          250,
          single(
              c,
              "SELECT count(*) FROM read_json('"
                  + DEMO.api.baseUrl()
                  + "/api/users?limit=1000', '/data')"));
      SQLException denied =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT * FROM read_json('http://example.com/x')"));
      assertEquals("42501", denied.getSQLState());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void feedErrorsReachTheClientWithTheirState(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode);
        Statement s = c.createStatement()) {
      SQLException error =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery("SELECT * FROM read_json('" + DEMO.api.baseUrl() + "/api/nope')")
                      .next());
      assertEquals("08006", error.getSQLState());
      assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static List<String> lines(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3));
      }
    }
    return out;
  }
}
