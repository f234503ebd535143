package dev.arrowtap.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.demo.DemoApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: a server writes one structured line per query and per failure to its log file, and no
 * secret of its catalog in any line.
 */
class ServerLogTest {
  @TempDir Path dir;

  @Test
  void everyQueryLeavesOneLineAndNoSecret() throws Exception {
    String token = DemoApi.TOKEN;
    try (DemoApi api = DemoApi.start("127.0.0.1", 0)) {
      Path catalog = dir.resolve("catalog.yaml");
      Files.writeString(
          catalog,
          String.join(
              "\n",
              "version: 1",
              "schemas:",
              "  - name: t",
              "    tables:",
              "      - name: users",
              "        url: " + api.baseUrl() + "/api/secure/users",
              "        auth: { type: bearer, token: '${env:LOG_TEST_TOKEN}' }",
              "        records: { pointer: /data }",
              "        pagination: { style: offset, page_size: 100, total_pointer: /total }",
              "      - name: broken",
              "        url: " + api.baseUrl() + "/api/nothing-here",
              "        query: { key: '${env:LOG_TEST_TOKEN}' }",
              "        columns: [{name: id, type: bigint}]",
              ""));
      Path log = dir.resolve("server.log");
      try (ServerProcess server =
          ServerProcess.start(
              Map.of("LOG_TEST_TOKEN", token),
              "--catalog",
              catalog.toString(),
              "--log-file",
              log.toString())) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
            Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t.users")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0);
          }
          SQLException feed =
              assertThrows(SQLException.class, () -> count(s, "SELECT * FROM t.broken"));
          assertEquals("08006", feed.getSQLState(), feed.getMessage());
          assertThrows(SQLException.class, () -> count(s, "SELECT * FROM \"" + token + "\""));
          count(s, "SELECT 'x' AS token_" + token.replace('-', '_'));
          assertThrows(
              SQLException.class, () -> c.prepareStatement("SELECT FROM WHERE '" + token + "'"));
        }
        assertEquals(143, server.terminate(20));
      }
      List<String> lines = Files.readAllLines(log);
      String all = String.join("\n", lines);
      assertFalse(all.contains(token), all);
      for (String line : lines) {
        assertTrue(
            line.matches("ts=\\S+Z level=(info|warn|error|debug) logger=\\S+ event=.*"), line);
      }
      assertTrue(all.contains("event=started url=http://127.0.0.1:"), all);
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.contains("level=info")
                          && l.matches(
                              ".* event=query id=\\d+ user=\\S+ state=FINISHED duration_ms=\\d+"
                                  + " rows=1 requests=[1-9]\\d* tasks=1")),
          all);
      assertTrue(
          lines.stream()
              .anyMatch(
                  l ->
                      l.contains("level=warn")
                          && l.contains("state=FAILED")
                          && l.contains("error=\"08006: ")
                          && l.contains("key=***")),
          all);
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("state=FAILED") && l.contains("42704: ")), all);
      assertTrue(all.contains("event=prepare_failed user=- error=\"42000: syntax error"), all);
      assertTrue(all.contains("event=stopped"), all);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    long rows = 0;
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }
}
