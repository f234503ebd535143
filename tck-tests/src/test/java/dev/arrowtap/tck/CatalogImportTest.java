package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.authoring.CatalogMain;
import dev.arrowtap.engine.ArrowtapEngine;
import dev.arrowtap.engine.EngineConfig;
import dev.arrowtap.server.http.ArrowtapServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code arrowtap catalog import} on descriptions in the style of GitHub, Stripe and the Petstore,
 * served with their APIs by a real HTTP server: each generated catalog loads as it is, in both
 * modes, and every generated table answers with the API's rows.
 */
class CatalogImportTest {
  private static final SpecApis API = SpecApis.INSTANCE;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void githubLikeDescription(Mode mode) throws Exception {
    String text = generate("import", API.url("/gh/openapi.yaml"), "--schema", "ghlike");
    assertTrue(text.contains("POST /repos/{owner}/issues: skipped, a POST"), text);
    assertTrue(
        text.contains("GET /repos/{owner}/tarball: skipped, the response is not JSON"), text);
    assertTrue(text.contains("token: \"${env:GHLIKE_TOKEN}\""), text);
    assertFalse(text.contains("gh-test-token"), "no secret in the catalog");
    assertTrue(text.contains("style: link_header"), text);
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "1|Crash on start|ann|open|[ann]",
              "2|Add dark mode|bob|open|[bob]",
              "4|Slow query|cy|open|[cy]"),
          session.rows(
              "SELECT number, title, user_login, state, assignees FROM ghlike.issues_list_for_repo"
                  + " WHERE owner = 'acme' ORDER BY number"));
      assertEquals(
          List.of("3|2024-01-10", "5|2024-01-10"),
          session.rows(
              "SELECT number, closed_on FROM ghlike.issues_list_for_repo"
                  + " WHERE owner = 'acme' AND state = 'closed' ORDER BY number"));
      int before = API.requests.size();
      assertEquals(
          List.of("4"),
          session.rows(
              "SELECT number FROM ghlike.issues_list_for_repo WHERE owner = 'acme'"
                  + " AND updated_at >= TIMESTAMP '2024-01-08 00:00:00'"));
      assertTrue(
          API.requests.subList(before, API.requests.size()).stream()
              .anyMatch(
                  r ->
                      r.contains("since=2024-01-08T00%3A00%3A00Z")
                          || r.contains("since=2024-01-08T00:00:00Z")),
          "since pushed to the API: " + API.requests.subList(before, API.requests.size()));
      assertEquals(
          List.of("Typo in docs|closed"),
          session.rows(
              "SELECT title, state FROM ghlike.issues_get WHERE owner = 'acme' AND issue_number = 3"));
      assertEquals(
          List.of("1001|0|bug", "1004|0|bug", "1004|1|perf"),
          session.rows(
              "SELECT parent_id, element_index, name FROM ghlike.issues_list_for_repo__labels"
                  + " WHERE owner = 'acme' ORDER BY 1, 2"));
      assertEquals("TIMESTAMP", session.typeName("ghlike.issues_list_for_repo", "updated_at"));
      assertEquals("VARCHAR ARRAY", session.typeName("ghlike.issues_list_for_repo", "assignees"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void stripeLikeDescription(Mode mode) throws Exception {
    String text = generate("import", API.url("/stripe/openapi.json"), "--schema", "stripelike");
    assertTrue(text.contains("style: cursor"), text);
    assertTrue(text.contains("DELETE /v1/customers/{customer}: skipped"), text);
    assertFalse(text.contains("sk_test_key"), "no secret in the catalog");
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "cus_1|a@example.com|Berlin|1704067200|{\"tier\":\"gold\"}",
              "cus_2|null|Paris|1704153600|{\"tier\":\"basic\"}",
              "cus_3|c@example.com|null|1704240000|{\"tier\":\"basic\"}",
              "cus_4|d@example.com|Berlin|1704326400|{\"tier\":\"basic\"}",
              "cus_5|e@example.com|Rome|1704412800|{\"tier\":\"basic\"}"),
          session.rows(
              "SELECT id, email, address_city, created, metadata FROM stripelike.get_customers_search"
                  + " WHERE query = 'all' ORDER BY id"));
      assertEquals(
          List.of("cus_1", "cus_4"),
          session.rows(
              "SELECT id FROM stripelike.get_customers_search WHERE query = 'Berlin' ORDER BY id"));
      assertEquals(
          List.of("Rome|false"),
          session.rows(
              "SELECT address_city, delinquent FROM stripelike.get_customers_customer"
                  + " WHERE customer = 'cus_5'"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void petstoreLikeDescription(Mode mode) throws Exception {
    String text = generate("import", API.url("/pets/openapi.yaml"));
    assertTrue(text.contains("- name: petstore"), text);
    assertTrue(text.contains("style: offset"), text);
    assertTrue(text.contains("total_pointer: /total"), text);
    assertTrue(text.contains("GET /pets/{petId}/photo: skipped, the response is not JSON"), text);
    assertFalse(text.contains("pet-key"), "no secret in the catalog");
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "1|Rex|dogs|available|12.5|2020-04-01",
              "2|Tom|cats|sold|4.0|2019-02-03",
              "3|Kiki|birds|available|0.25|2022-11-30",
              "4|Bella|dogs|pending|20.0|2018-07-15",
              "5|Nemo|fish|sold|0.1|2023-05-05"),
          session.rows(
              "SELECT id, name, category_name, status, weight, born FROM petstore.list_pets ORDER BY id"));
      assertEquals(
          List.of("Nemo", "Tom"),
          session.rows("SELECT name FROM petstore.list_pets WHERE status = 'sold' ORDER BY name"));
      assertEquals(
          List.of("Kiki|[https://example.com/Kiki.png]"),
          session.rows("SELECT name, photoUrls FROM petstore.show_pet_by_id WHERE petId = 3"));
    }
  }

  /** An operation whose pages cannot be followed: the catalog refuses to load, naming it. */
  @Test
  void unknownPaginationFailsTheLoadNamingTheOperation() throws Exception {
    Path spec = dir.resolve("charges.yaml");
    Files.writeString(
        spec,
        """
        openapi: 3.0.0
        info: { title: Charges, version: '1' }
        servers: [ { url: 'https://api.example.com' } ]
        paths:
          /v1/charges:
            get:
              operationId: GetCharges
              parameters:
                - { name: starting_after, in: query, schema: { type: string } }
                - { name: limit, in: query, schema: { type: integer } }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          data: { type: array, items: { type: object, properties: { id: { type: string } } } }
                          has_more: { type: boolean }
        """);
    String text = generate("import", spec.toString());
    assertTrue(text.contains("pages by the last record's id (parameter starting_after)"), text);
    Path catalog = dir.resolve("charges-catalog.yaml");
    Files.writeString(catalog, text);
    SQLException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog).close());
    assertTrue(e.getMessage().contains("pagination.style"), e.getMessage());
    assertTrue(e.getMessage().contains("GET /v1/charges"), e.getMessage());
  }

  /** Descriptions it cannot read give a message naming where, and no catalog. */
  @Test
  void unusableDescriptionsNameWhere() throws Exception {
    Path swagger = dir.resolve("swagger.json");
    Files.writeString(swagger, "{\"swagger\": \"2.0\", \"paths\": {}}");
    Result old = run("import", swagger.toString());
    assertEquals(1, old.status);
    assertTrue(old.err.contains("Swagger 2.0 (convert it to OpenAPI 3 first)"), old.err);
    assertEquals("", old.out);

    Path external = dir.resolve("external.yaml");
    Files.writeString(
        external,
        """
        openapi: 3.1.0
        info: { title: T, version: '1' }
        servers: [ { url: 'https://api.example.com' } ]
        paths:
          /a:
            get:
              responses:
                '200':
                  description: ok
                  content: { application/json: { schema: { $ref: 'other.yaml#/A' } } }
        """);
    Result ref = run("import", external.toString());
    assertEquals(1, ref.status);
    assertTrue(ref.err.contains("paths./a.get.responses.content.application/json.schema"), ref.err);
    assertTrue(ref.err.contains("$ref 'other.yaml#/A' points outside this file"), ref.err);

    Result relative = run("import", dir.resolve("nothing-here.yaml").toString());
    assertEquals(1, relative.status);
    assertTrue(relative.err.contains("cannot read"), relative.err);

    Result usage = run("import");
    assertEquals(2, usage.status);
    assertTrue(usage.err.contains("usage: arrowtap catalog import SPEC"), usage.err);
    Result help = run("--help");
    assertEquals(0, help.status);
    assertTrue(help.out.contains("arrowtap catalog draft URL"), help.out);
  }

  private String generate(String... args) {
    Result result = run(args);
    assertEquals(0, result.status, result.err);
    return result.out;
  }

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CatalogMain.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Session open(Mode mode, String catalogText) throws IOException, SQLException {
    Path catalog = Files.createTempFile(dir, "catalog", ".yaml");
    Files.writeString(catalog, catalogText);
    return Session.open(mode, catalog);
  }

  /** A connection to a generated catalog, embedded or through a remote server started with it. */
  static final class Session implements AutoCloseable {
    private final Connection connection;
    private final ArrowtapServer server;

    private Session(Connection connection, ArrowtapServer server) {
      this.connection = connection;
      this.server = server;
    }

    static Session open(Mode mode, Path catalog) throws SQLException {
      if (mode == Mode.EMBEDDED) {
        return new Session(DriverManager.getConnection("jdbc:arrowtap:catalog=" + catalog), null);
      }
      ArrowtapServer server =
          ArrowtapServer.start(
              new ArrowtapEngine(EngineConfig.defaults().withCatalog(catalog)), "127.0.0.1", 0);
      try {
        return new Session(
            DriverManager.getConnection("jdbc:arrowtap:url=" + server.url()), server);
      } catch (SQLException e) {
        server.close();
        throw e;
      }
    }

    /** Every row as its columns joined with |, SQL arrays as [a, b]. */
    List<String> rows(String sql) throws SQLException {
      List<String> rows = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof java.sql.Array array) {
              value = java.util.Arrays.toString((Object[]) array.getArray());
            }
            values.add(String.valueOf(value));
          }
          rows.add(String.join("|", values));
        }
      }
      return rows;
    }

    String typeName(String table, String column) throws SQLException {
      String[] parts = table.split("\\.", -1);
      try (ResultSet rs = connection.getMetaData().getColumns(null, parts[0], parts[1], column)) {
        assertTrue(rs.next(), table + "." + column);
        return rs.getString("TYPE_NAME");
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.close();
      } finally {
        if (server != null) {
          server.close();
        }
      }
    }
  }
}
