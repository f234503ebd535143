package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.tck.CatalogImportTest.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An array of objects declared as a child table ({@code issues__labels}): the parent's keys, the
 * element's index and its typed fields; the parent's pages read once; the parent's parameters and
 * filters on its keys still go to the API; both modes.
 */
class ChildTablesTest {
  private static final SpecApis API = SpecApis.INSTANCE;

  @TempDir Path dir;

  private Path catalog() throws Exception {
    Path catalog = dir.resolve("children.yaml");
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
                  - { name: updated_at, type: TIMESTAMP }
                filters:
                  - { column: updated_at, op: ">=", param: since, format: iso_datetime, exact: true }
                children:
                  - name: labels
                    keys: [id, updated_at]
                    columns:
                      - { name: id, type: BIGINT }
                      - { name: name, type: VARCHAR }
                  - name: people
                    path: /assignees
                    columns: [ { name: login, type: VARCHAR, path: "" } ]
        """
            .formatted(API.url("/gh/repos/{owner}/issues")));
    return catalog;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void elementsAreRowsOfTheirOwn(Mode mode) throws Exception {
    try (Session session = Session.open(mode, catalog())) {
      int before = API.requests.size();
      assertEquals(
          List.of(
              "acme|1001|0|10|bug",
              "acme|1003|0|10|docs",
              "acme|1004|0|10|bug",
              "acme|1004|1|11|perf"),
          session.rows(
              "SELECT owner, parent_id, element_index, id, name FROM gh.issues__labels"
                  + " WHERE owner = 'acme' ORDER BY parent_id, element_index"));
      assertEquals(3, API.requests.size() - before, "the parent's 3 pages, once: " + API.requests);
      assertEquals(
          List.of("1|ann", "2|bob", "3|ann", "4|cy", "5|bob"),
          session.rows(
              "SELECT parent_id - 1000, login FROM gh.issues__people WHERE owner = 'acme'"
                  + " ORDER BY 1"));
      assertEquals("BIGINT", session.typeName("gh.issues__labels", "element_index"));
      assertEquals("TIMESTAMP", session.typeName("gh.issues__labels", "parent_updated_at"));

      before = API.requests.size();
      assertEquals(
          List.of("1003|docs", "1004|bug", "1004|perf"),
          session.rows(
              "SELECT parent_id, name FROM gh.issues__labels WHERE owner = 'acme'"
                  + " AND parent_updated_at >= TIMESTAMP '2024-01-06 00:00:00' ORDER BY 1, 2"));
      List<String> sent = API.requests.subList(before, API.requests.size());
      assertTrue(
          sent.stream().allMatch(r -> r.contains("since=2024-01-06T00")),
          "the parent's filter went to the API: " + sent);

      assertEquals(
          List.of("3|docs", "4|bug", "4|perf"),
          session.rows(
              "SELECT i.number, l.name FROM gh.issues i JOIN gh.issues__labels l"
                  + " ON l.parent_id = i.id AND l.owner = i.owner"
                  + " WHERE i.owner = 'acme' AND l.owner = 'acme' AND i.number >= 3"
                  + " ORDER BY 1, 2"));
      assertEquals(
          List.of("2"),
          session.rows(
              "SELECT count(*) FROM (SELECT * FROM gh.issues__labels WHERE owner = 'acme' LIMIT 2)"));
    }
  }

  /** A record whose array is something else fails the query naming the record. */
  @Test
  void anArrayThatIsNotOneFailsNamingTheRecord() throws Exception {
    Path catalog = dir.resolve("bad.yaml");
    Files.writeString(
        catalog,
        """
        schemas:
          - name: gh
            tables:
              - name: issues
                url: "%s"
                auth: { type: bearer, token: "${env:GHLIKE_TOKEN}" }
                parameters: [ { name: owner } ]
                columns: [ { name: id, type: BIGINT } ]
                children:
                  - { name: user, columns: [ { name: login, type: VARCHAR } ] }
        """
            .formatted(API.url("/gh/repos/{owner}/issues")));
    try (Session session = Session.open(Mode.EMBEDDED, catalog)) {
      SQLException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              SQLException.class,
              () -> session.rows("SELECT * FROM gh.issues__user WHERE owner = 'acme'"));
      assertTrue(
          e.getMessage().contains("the child table's array /user is an object"), e.getMessage());
      assertTrue(e.getMessage().contains("gh.issues__user"), e.getMessage());
    }
  }
}
