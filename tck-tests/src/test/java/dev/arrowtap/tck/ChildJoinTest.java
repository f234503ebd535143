package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.tck.CatalogImportTest.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A join of a table and its child table on the child's keys reads the parent's pages once, and
 * gives the rows of the same join read as two scans (forced here by a LIMIT between the join and
 * the child, which the child cannot take); other joins keep two scans. Both modes.
 */
class ChildJoinTest {
  private static final SpecApis API = SpecApis.INSTANCE;

  /** The three pages of acme's five issues, two a page. */
  private static final int PAGES = 3;

  /** Forces the child's own scan: a LIMIT is never pushed into a child table's pages. */
  private static final String LABELS_ALONE =
      "(SELECT * FROM gh.issues__labels WHERE owner = 'acme' LIMIT 1000000)";

  @TempDir Path dir;

  private Path catalog() throws Exception {
    Path catalog = dir.resolve("join.yaml");
    Files.writeString(
        catalog,
        """
        schemas:
          - name: gh
            tables:
              - name: issues
                url: "%s"
                auth: { type: bearer, token: "${env:GHLIKE_TOKEN}" }
                query: { per_page: "2", state: all }
                pagination: { style: link_header }
                parameters: [ { name: owner } ]
                columns:
                  - { name: id, type: BIGINT }
                  - { name: number, type: BIGINT }
                  - { name: title, type: VARCHAR }
                  - { name: updated_at, type: TIMESTAMP }
                filters:
                  - { column: updated_at, op: ">=", param: since, format: iso_datetime, exact: true }
                children:
                  - name: labels
                    columns:
                      - { name: id, type: BIGINT }
                      - { name: name, type: VARCHAR }
        """
            .formatted(API.url("/gh/repos/{owner}/issues")));
    return catalog;
  }

  private static int issueRequests() {
    return (int) API.requests.stream().filter(r -> r.contains("/gh/repos/acme/issues")).count();
  }

  /** The rows of a query and how many of the API's pages it read. */
  private record Read(List<String> rows, int requests) {}

  private static Read read(Session session, String sql) throws Exception {
    int before = issueRequests();
    List<String> rows = session.rows(sql);
    return new Read(rows, issueRequests() - before);
  }

  private static int scans(Session session, String sql) throws Exception {
    String plan = String.join("\n", session.rows("EXPLAIN PLAN FOR " + sql));
    return plan.split("ArrowtapTableScan", -1).length - 1;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aJoinOnTheKeysIsOneScan(Mode mode) throws Exception {
    try (Session session = Session.open(mode, catalog())) {
      String joined =
          "SELECT i.number, i.title, l.element_index, l.name FROM gh.issues i"
              + " JOIN gh.issues__labels l ON l.parent_id = i.id"
              + " WHERE i.owner = 'acme' AND l.owner = 'acme' ORDER BY 1, 3";
      Read one = read(session, joined);
      Read two = read(session, joined.replace("gh.issues__labels l", LABELS_ALONE + " l"));
      assertEquals(
          List.of(
              "1|Crash on start|0|bug",
              "3|Typo in docs|0|docs",
              "4|Slow query|0|bug",
              "4|Slow query|1|perf"),
          one.rows());
      assertEquals(two.rows(), one.rows(), "the rows of the two-scan plan");
      assertEquals(PAGES, one.requests(), "the parent's pages, once");
      assertEquals(2 * PAGES, two.requests(), "the two-scan plan reads them twice");
      assertEquals(1, scans(session, joined));
      assertTrue(
          String.join("\n", session.rows("EXPLAIN PLAN FOR " + joined))
              .contains("gh.issues with gh.issues__labels"));

      // The child first, and more in ON than the keys.
      String childFirst =
          "SELECT l.name, i.number FROM gh.issues__labels l"
              + " JOIN gh.issues i ON i.id = l.parent_id AND l.name <> 'docs'"
              + " WHERE i.owner = 'acme' AND l.owner = 'acme' ORDER BY 2, 1";
      Read childOne = read(session, childFirst);
      Read childTwo = read(session, childFirst.replace("gh.issues__labels l", LABELS_ALONE + " l"));
      assertEquals(List.of("bug|1", "bug|4", "perf|4"), childOne.rows());
      assertEquals(childTwo.rows(), childOne.rows());
      assertEquals(PAGES, childOne.requests());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theParentsPushedFiltersStillGoToTheApi(Mode mode) throws Exception {
    try (Session session = Session.open(mode, catalog())) {
      String joined =
          "SELECT i.number, l.name FROM gh.issues i"
              + " JOIN gh.issues__labels l ON l.parent_id = i.id"
              + " WHERE i.owner = 'acme' AND l.owner = 'acme'"
              + " AND i.updated_at >= TIMESTAMP '2024-01-06 00:00:00' ORDER BY 1, 2";
      int before = API.requests.size();
      Read one = read(session, joined);
      List<String> sent = List.copyOf(API.requests.subList(before, API.requests.size()));
      assertEquals(List.of("3|docs", "4|bug", "4|perf"), one.rows());
      assertEquals(2, one.requests(), "issues 3 to 5, two a page: " + sent);
      assertTrue(sent.stream().allMatch(r -> r.contains("since=2024-01-06T00")), sent.toString());
      Read two = read(session, joined.replace("gh.issues__labels l", LABELS_ALONE + " l"));
      assertEquals(two.rows(), one.rows());
      assertEquals(1, scans(session, joined));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherJoinsKeepTwoScansAndTheirRows(Mode mode) throws Exception {
    try (Session session = Session.open(mode, catalog())) {
      // A LEFT JOIN keeps the issues without labels: one scan would have no row for them.
      String left =
          "SELECT i.number, l.name, l.parent_id FROM gh.issues i"
              + " LEFT JOIN gh.issues__labels l ON l.parent_id = i.id AND l.owner = 'acme'"
              + " WHERE i.owner = 'acme' ORDER BY 1, 2";
      Read leftRead = read(session, left);
      assertEquals(
          List.of(
              "1|bug|1001",
              "2|null|null",
              "3|docs|1003",
              "4|bug|1004",
              "4|perf|1004",
              "5|null|null"),
          leftRead.rows());
      assertEquals(2 * PAGES, leftRead.requests());
      assertEquals(2, scans(session, left));

      // Not on the key: each label may join any issue.
      String notKey =
          "SELECT i.number, l.name FROM gh.issues i"
              + " JOIN gh.issues__labels l ON l.id = i.number + 9"
              + " WHERE i.owner = 'acme' AND l.owner = 'acme' ORDER BY 1, 2";
      Read notKeyRead = read(session, notKey);
      assertEquals(List.of("1|bug", "1|bug", "1|docs", "2|perf"), notKeyRead.rows());
      assertFalse(notKeyRead.requests() == PAGES, "two scans");
      assertEquals(2, scans(session, notKey));
    }
  }
}
