package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.demo.DemoApi;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code max_requests} through the driver, embedded and remote, against a counting API: a query
 * estimated past it fails at planning with no request sent, and one that turns out longer than its
 * estimate fails before the request that would pass it; both with SQLState 54000 naming the table,
 * the estimate and the setting.
 */
class RequestBudgetTest {
  private static final String USERS = "/api/users";

  @TempDir Path dir;
  private DemoApi api;
  private Path catalog;
  private ArrowtapServer server;

  @BeforeEach
  void start() throws Exception {
    api = DemoApi.start("127.0.0.1", 0);
    String feed =
        "        url: "
            + api.baseUrl()
            + USERS
            + "\n        records: {pointer: /data}\n"
            + "        columns: [{name: id, type: BIGINT}]\n";
    // The same 250 users, 100 a page: one table whose size the catalog declares, one whose
    // size nothing tells before it is read.
    catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: b\n    tables:\n"
            + "      - name: declared\n        typical_rows: 250\n"
            + "        pagination: {style: offset, page_size: 100, total_pointer: /total}\n"
            + feed
            + "      - name: untold\n"
            + "        pagination: {style: offset, page_size: 100}\n"
            + feed);
    server =
        ArrowtapServer.start(
            new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
    api.close();
  }

  private Connection connect(Mode mode, String maxRequests) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("max_requests", maxRequests);
    String url =
        mode == Mode.EMBEDDED
            ? "jdbc:arrowtap:catalog=" + catalog
            : "jdbc:arrowtap:url=" + server.url();
    return DriverManager.getConnection(url, properties);
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private static String plan(Connection c, String sql) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
    }
    return text.toString();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aQueryEstimatedPastTheBudgetFailsAtPlanningWithNoRequestSent(Mode mode) throws Exception {
    String sql = "SELECT count(*) FROM b.declared";
    try (Connection c = connect(mode, "2")) {
      assertTrue(plan(c, sql).contains("requests=[3]"), plan(c, sql));
      long before = api.requestCount(USERS);
      SQLException e = assertThrows(SQLException.class, () -> count(c, sql));
      assertEquals("54000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("table b.declared"), e.getMessage());
      assertTrue(e.getMessage().contains("estimated at 3 HTTP requests"), e.getMessage());
      assertTrue(e.getMessage().contains("max_requests = 2"), e.getMessage());
      assertTrue(e.getMessage().contains("no request was sent"), e.getMessage());
      assertEquals(before, api.requestCount(USERS), "no request left");
    }
    try (Connection c = connect(mode, "3")) {
      long before = api.requestCount(USERS);
      assertEquals(250, count(c, sql));
      assertEquals(3, api.requestCount(USERS) - before, "the estimate was the count");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theRequestThatWouldPassTheBudgetIsNeverSent(Mode mode) throws Exception {
    String sql = "SELECT count(*) FROM b.untold";
    try (Connection c = connect(mode, "2")) {
      // Nothing tells its length before it is read: only the first page is certain.
      assertTrue(plan(c, sql).contains("requests=[>= 1]"), plan(c, sql));
      long before = api.requestCount(USERS);
      SQLException e = assertThrows(SQLException.class, () -> count(c, sql));
      assertEquals("54000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("feed b.untold"), e.getMessage());
      // Page 1 goes alone, then pages 2 to 5 at once: whichever claims the budget last is
      // refused, so the error names page 2 or a later one.
      assertTrue(e.getMessage().matches("(?s).*, page [2-5], GET .*"), e.getMessage());
      assertTrue(e.getMessage().contains("max_requests = 2"), e.getMessage());
      assertTrue(e.getMessage().contains("estimated at 1 requests"), e.getMessage());
      assertEquals(2, api.requestCount(USERS) - before, "no request past the budget");
    }
  }
}
