package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.server.meta.MetaErrors;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** URL and query parameters bound from WHERE: one request (and task) per value. */
class FeedParametersTest {
  private static final String TABLE =
      "schemas:\n  - name: gh\n    tables:\n      - name: issues\n        url: URL/repos/{owner}/issues\n"
          + "        parameters:\n          - {name: owner}\n          - {name: state, default: open}\n          - {name: since, type: BIGINT, default: '0'}\n"
          + "        records: {pointer: /items}\n"
          + "        columns: [{name: number, type: BIGINT}, {name: title, type: VARCHAR}]\n";

  @RegisterExtension final FeedFixture feeds = new FeedFixture();
  private final FeedTestServer api = feeds.api();
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    for (String owner : List.of("apache", "duckdb", "a b")) {
      api.route(
          "/repos/" + owner + "/issues",
          r -> {
            List<String> items = new ArrayList<>();
            int n = owner.length();
            for (int i = 1; i <= n; i++) {
              items.add(
                  "{\"number\":"
                      + i
                      + ",\"title\":\""
                      + owner
                      + " "
                      + r.param("state")
                      + " #"
                      + i
                      + "\"}");
            }
            return Reply.json("{\"items\":[" + String.join(",", items) + "]}");
          });
    }
    feeds.start(TABLE);
    connection = feeds.connect();
  }

  private List<String> rows(String sql) throws SQLException {
    return FeedFixture.lines(connection, sql);
  }

  @Test
  void equalityFillsThePathAndDefaultsFillTheQuery() throws Exception {
    assertEquals(
        List.of("apache|open|0|1|apache open #1", "apache|open|0|6|apache open #6"),
        rows(
            "SELECT * FROM gh.issues WHERE owner = 'apache' AND number IN (1, 6) ORDER BY number"));
    assertEquals(1, api.count("/repos/apache/issues"));
    assertEquals("open", api.requests("/repos/apache/issues").get(0).param("state"));
    assertEquals("0", api.requests("/repos/apache/issues").get(0).param("since"));
  }

  @Test
  void inListBecomesOneTaskPerValue() throws Exception {
    assertEquals(
        List.of("a b|3", "apache|6", "duckdb|6"),
        rows(
            "SELECT owner, count(*) FROM gh.issues WHERE owner IN ('apache', 'duckdb', 'a b') AND state = 'closed' GROUP BY owner ORDER BY owner"));
    assertEquals("closed", api.requests("/repos/duckdb/issues").get(0).param("state"));
    assertEquals("/repos/a b/issues", api.requests("/repos/a b/issues").get(0).path());
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "EXPLAIN PLAN FOR SELECT title FROM gh.issues WHERE owner IN ('apache', 'duckdb')")) {
      rs.next();
      String plan = rs.getString(1);
      assertTrue(plan.contains("t0:[owner=apache, state=open, since=0]"), plan);
      assertTrue(plan.contains("t1:[owner=duckdb, state=open, since=0]"), plan);
    }
  }

  @Test
  void missingRequiredParameterSaysWhatToAdd() {
    SQLException thrown =
        assertThrows(SQLException.class, () -> rows("SELECT title FROM gh.issues"));
    // What the JDBC client sees: the engine's error inside Calcite's wrapping (see MetaErrors).
    Throwable error = MetaErrors.userError(thrown).orElseThrow();
    assertEquals(
        "table gh.issues needs a value for owner: add WHERE owner = ... or owner IN (...)",
        error.getMessage());
    assertEquals(0, api.count("/repos/apache/issues"));
  }

  @Test
  void parametersShowAsColumns() throws Exception {
    try (ResultSet rs = connection.getMetaData().getColumns(null, "gh", "issues", null)) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
      assertEquals(List.of("owner", "state", "since", "number", "title"), names);
    }
  }
}
