package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table with a required parameter inside a correlated {@code EXISTS}, {@code NOT EXISTS} or
 * scalar subquery is bound by the outer rows, as in a join: a batch of lookups, never "needs a
 * value". Each answer equals the same question written as a join, embedded and remote.
 */
class CorrelatedLookupsTest {
  private static final DemoFeeds DEMO = DemoFeeds.INSTANCE;

  /** The driving rows: 30 accounts, so a lookup table is asked for at most these 30 ids. */
  private static final String OUTER = "FROM demo.accounts a WHERE a.id BETWEEN 11 AND 40";

  /** Each case: a query with a correlated subquery, the same as a join, and the path it asks. */
  private record Case(String subquery, String join, String path) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "SELECT a.id "
                  + OUTER
                  + " AND EXISTS (SELECT 1 FROM demo.a_logs l"
                  + " WHERE l.account_id = a.id AND l.severity >= 4) ORDER BY 1",
              "SELECT DISTINCT a.id "
                  + OUTER.replace(
                      "WHERE",
                      "JOIN demo.a_logs l ON" + " l.account_id = a.id AND l.severity >= 4 WHERE")
                  + " ORDER BY 1",
              "/api/logs"),
          new Case(
              "SELECT a.id "
                  + OUTER
                  + " AND NOT EXISTS (SELECT 1 FROM demo.s_statuses s"
                  + " WHERE s.account_id = a.id) ORDER BY 1",
              "SELECT a.id "
                  + OUTER.replace(
                      "WHERE", "LEFT JOIN demo.s_statuses s ON" + " s.account_id = a.id WHERE")
                  + " AND s.account_id IS NULL ORDER BY 1",
              "/api/statuses"),
          new Case(
              "SELECT a.id, (SELECT count(*) FROM demo.a_logs l WHERE l.account_id = a.id) "
                  + OUTER
                  + " ORDER BY 1",
              "SELECT a.id, count(l.seq) "
                  + OUTER.replace(
                      "WHERE", "LEFT JOIN demo.a_logs l ON" + " l.account_id = a.id WHERE")
                  + " GROUP BY a.id ORDER BY 1",
              "/api/logs"),
          new Case(
              "SELECT a.id, (SELECT max(r.kind) FROM demo.r_resources r"
                  + " WHERE r.account_id = a.id) "
                  + OUTER
                  + " ORDER BY 1",
              "SELECT a.id, max(r.kind) "
                  + OUTER.replace(
                      "WHERE", "LEFT JOIN demo.r_resources r" + " ON r.account_id = a.id WHERE")
                  + " GROUP BY a.id ORDER BY 1",
              "/api/resources"),
          new Case(
              "SELECT a.id, (SELECT l.message FROM demo.a_logs l"
                  + " WHERE l.account_id = a.id AND l.seq = 1) "
                  + OUTER
                  + " ORDER BY 1",
              "SELECT a.id, l.message "
                  + OUTER.replace(
                      "WHERE",
                      "LEFT JOIN demo.a_logs l ON" + " l.account_id = a.id AND l.seq = 1 WHERE")
                  + " ORDER BY 1",
              "/api/logs"),
          new Case(
              "SELECT a.id "
                  + OUTER
                  + " AND (SELECT count(*) FROM demo.s_statuses s"
                  + " WHERE s.account_id = a.id) = 2 ORDER BY 1",
              "SELECT a.id "
                  + OUTER.replace(
                      "WHERE", "JOIN demo.s_statuses s ON" + " s.account_id = a.id WHERE")
                  + " GROUP BY a.id HAVING count(*) = 2 ORDER BY 1",
              "/api/statuses"));

  @ParameterizedTest
  @EnumSource(Mode.class)
  void correlatedSubqueriesBindTheParameterLikeAJoin(Mode mode) throws SQLException {
    try (Connection c = DEMO.connect(mode)) {
      for (Case q : CASES) {
        List<String> expected = rows(c, q.join());
        assertFalse(expected.isEmpty(), q.join());
        long before = DEMO.api.requestCount(q.path());
        List<String> actual = rows(c, q.subquery());
        long requests = DEMO.api.requestCount(q.path()) - before;
        assertEquals(expected, actual, q.subquery());
        // At most one request per outer id, whatever the table's chunk size: a lookup.
        assertTrue(requests >= 1 && requests <= 30, requests + " requests for " + q.subquery());
        assertTrue(
            String.join("\n", rows(c, "EXPLAIN PLAN FOR " + q.subquery())).contains("lookup="),
            q.subquery());
      }
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
