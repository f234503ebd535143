package dev.arrowtap.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.CatalogException;
import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.source.http.FeedTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: projection to the API, a query's columns sent as the API's field list. */
class FeedFieldsTest {
  private static final String CATALOG =
      """
      schemas:
        - name: t
          tables:
            - name: users
              url: URL/users
              pagination: {style: page, page_size: 10, size_param: ''}
              fields: {param: fields, always: [id]}
              columns:
                - {name: id, type: BIGINT}
                - {name: name, type: VARCHAR}
                - {name: score, type: DOUBLE}
                - {name: town, type: VARCHAR, path: /address/city, api_field: address.city}
            - name: people
              url: URL/people
              fields: {param: select, separator: ' '}
              parameters:
                - {name: id, type: BIGINT, batch: {max: 30, separator: ',', pointer: /id}}
              columns: [{name: name, type: VARCHAR}]
      """;

  @TempDir Path dir;
  private FeedTestServer api;
  private ArrowtapEngine engine;
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    api = FeedTestServer.start();
    // Users 0..24, ten a page; like many APIs, it returns only the fields a request names.
    api.route(
        "/users",
        r -> {
          int page = Integer.parseInt(r.param("page"));
          List<String> records = FeedTestServer.records((page - 1) * 10L, Math.min(25, page * 10L));
          return Reply.json("[" + String.join(",", only(records, r.param("fields"))) + "]");
        });
    // A lookup API that refuses a field list without the field its records are matched on.
    api.route(
        "/people",
        r -> {
          Set<String> asked = Set.of(r.param("select").split(" ", -1));
          if (!asked.contains("id")) {
            return Reply.status(400, "{\"error\":\"select must include id\"}");
          }
          List<String> people = new ArrayList<>();
          for (String id : r.param("id").split(",", -1)) {
            people.add("{\"id\":" + id + ",\"name\":\"person " + id + "\"}");
          }
          return Reply.json("[" + String.join(",", only(people, r.param("select"))) + "]");
        });
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, CATALOG.replace("URL", api.url("")));
    engine = new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog));
    connection = engine.connect(Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    connection.close();
    assertEquals(0, engine.services().rootAllocator().getAllocatedMemory());
    engine.close();
    api.close();
  }

  /**
   * The records with only the named top-level fields ({@code address.city} keeps {@code address}),
   * or whole without a field list.
   */
  private static List<String> only(List<String> records, String fields) {
    if (fields == null) {
      return records;
    }
    Set<String> keep = new TreeSet<>();
    for (String field : fields.split("[, ]", -1)) {
      keep.add(field.split("\\.", -1)[0]);
    }
    List<String> out = new ArrayList<>();
    for (String record : records) {
      try {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(record);
        node.retain(keep);
        out.add(node.toString());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : FeedFixture.rows(connection, sql)) {
      out.add(String.join("|", row.stream().map(String::valueOf).toList()));
    }
    return out;
  }

  private Set<String> fieldsSent(String path, String param, String separator) {
    Set<String> all = new TreeSet<>();
    for (FeedTestServer.Request request : api.requests(path)) {
      all.add(
          String.join("+", new TreeSet<>(Arrays.asList(request.param(param).split(separator)))));
    }
    return all;
  }

  @Test
  void aQuerysColumnsAreTheFieldsItAsksFor() throws Exception {
    List<String> rows = rows("SELECT name, town FROM t.users WHERE score > 30 ORDER BY name");
    assertEquals(4, rows.size(), rows.toString());
    assertEquals("user 21|c0", rows.get(0));
    assertEquals("user 24|c0", rows.get(3));
    // Every page asks for the columns read (town through its api_field), the filtered one, and
    // the catalog's `always` field.
    assertEquals(Set.of("address.city+id+name+score"), fieldsSent("/users", "fields", ","));
    String plan =
        FeedFixture.rows(connection, "EXPLAIN PLAN FOR SELECT name, town FROM t.users")
            .get(0)
            .get(0)
            .toString();
    assertTrue(plan.contains("fields=name,address.city,id"), plan);
  }

  @Test
  void oneColumnIsAskedForWithTheAlwaysFields() throws Exception {
    List<String> names = rows("SELECT name FROM t.users");
    assertEquals(25, names.size());
    assertTrue(names.contains("user 24"), names.toString());
    assertEquals(Set.of("id+name"), fieldsSent("/users", "fields", ","));
  }

  @Test
  void aLookupAsksForTheFieldItMatchesRecordsOn() throws Exception {
    List<String> rows =
        rows(
            "SELECT count(*), min(name), max(name) FROM t.people"
                + " WHERE id IN (SELECT id FROM t.users WHERE id < 5)");
    assertEquals(List.of("5|person 0|person 4"), rows);
    assertEquals(Set.of("id+name"), fieldsSent("/people", "select", " "));
    String plan =
        FeedFixture.rows(
                connection,
                "EXPLAIN PLAN FOR SELECT name FROM t.people"
                    + " WHERE id IN (SELECT id FROM t.users WHERE id < 5)")
            .get(0)
            .get(0)
            .toString();
    assertTrue(plan.contains("select=name id") || plan.contains("select=id name"), plan);
  }

  @Test
  void anApiFieldNeedsTheTablesFieldList() throws Exception {
    Path catalog = dir.resolve("bad.yaml");
    Files.writeString(
        catalog,
        "schemas:\n  - name: t\n    tables:\n      - name: a\n        url: http://127.0.0.1:1/a\n"
            + "        columns: [{name: id, type: BIGINT, api_field: ident}]\n");
    CatalogException error =
        assertThrows(CatalogException.class, () -> CatalogLoader.load(catalog));
    assertTrue(error.getMessage().contains("api_field"), error.getMessage());
    assertTrue(error.getMessage().contains("bad.yaml line 6"), error.getMessage());
  }
}
