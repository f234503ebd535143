package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a feed's pages are requested: page-size caps, concurrency, LIMIT (issues 7 and 10). */
class FeedPagingTest {
  private static final String COLUMNS =
      "        columns: [{name: id, type: BIGINT}, {name: name, type: VARCHAR}]\n";

  @TempDir Path dir;
  private FeedTestServer api;
  private ArrowtapEngine engine;

  @BeforeEach
  void start() {
    api = FeedTestServer.start();
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      assertEquals(
          0, engine.services().rootAllocator().getAllocatedMemory(), "Arrow memory left allocated");
      engine.close();
    }
    api.close();
  }

  private Connection connect(String tables) throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(
        catalog, "schemas:\n  - name: t\n    tables:\n" + tables.replace("URL", api.url("")));
    engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog));
    return engine.connect(Map.of());
  }

  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /**
   * An API with {@code total} records that sends at most {@code cap} a page, whatever it is asked,
   * at {@code offset}/{@code limit} or {@code page}/{@code per_page}; a total when told to.
   */
  private void cappedApi(int total, int cap, boolean withTotal) {
    api.route(
        "/items",
        r -> {
          int size = Math.min(cap, Integer.parseInt(param(r, "limit", param(r, "per_page", "50"))));
          int from =
              r.param("page") != null
                  ? (Integer.parseInt(r.param("page")) - 1) * size
                  : Integer.parseInt(param(r, "offset", "0"));
          String data =
              String.join(",", FeedTestServer.records(from, Math.min(total, from + size)));
          return Reply.json(
              "{\"data\":[" + data + "]" + (withTotal ? ",\"total\":" + total : "") + "}");
        });
  }

  private static String param(FeedTestServer.Request r, String name, String fallback) {
    return r.param(name) == null ? fallback : r.param(name);
  }

  private static final String SUM = "SELECT count(*), count(DISTINCT id), sum(id) FROM t.items";

  private static List<List<Object>> all(long n) {
    return List.of(List.of(n, n, n * (n - 1) / 2));
  }

  private String notes(Connection c) throws SQLException {
    List<List<Object>> notes =
        rows(c, "SELECT notes FROM sys.task_metrics WHERE notes IS NOT NULL");
    return notes.toString();
  }

  @Test
  void issue7PageSizeAboveTheApiCapFollowsTheTotal() throws Exception {
    cappedApi(1000, 200, true);
    try (Connection c =
        connect(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500, total_pointer: /total}\n"
                + COLUMNS)) {
      assertEquals(all(1000), rows(c, SUM));
      assertTrue(
          notes(c).contains("page_size 500 asked, the API sent 200 records on page 1"), notes(c));
    }
  }

  @Test
  void issue7PageSizeAboveTheApiCapWithoutATotalReadsOnAtTheApisSize() throws Exception {
    cappedApi(1000, 200, false);
    try (Connection c =
        connect(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500}\n"
                + "      - name: paged\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: page, page_size: 500}\n"
                + COLUMNS)) {
      assertEquals(all(1000), rows(c, SUM));
      assertEquals(all(1000), rows(c, SUM.replace("t.items", "t.paged")));
      assertTrue(notes(c).contains("reading on at 200 a page"), notes(c));
    }
  }

  @Test
  void issue7AFeedSmallerThanOnePageEndsWithoutANote() throws Exception {
    cappedApi(37, 200, true);
    try (Connection c =
        connect(
            "      - name: items\n        url: URL/items\n        records: {pointer: /data}\n"
                + "        pagination: {style: offset, page_size: 500, total_pointer: /total}\n"
                + COLUMNS)) {
      assertEquals(all(37), rows(c, SUM));
      assertEquals("[]", notes(c));
      assertTrue(api.count("/items") <= 2, "one page, and one guessed ahead at most");
    }
  }
}
