package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.PaginationDef.Style;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.types.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  private static final Map<String, String> ENV =
      Map.of("API_TOKEN", "s3cr3t-token-value", "BASE", "http://127.0.0.1:9999");

  private static Catalog parse(String yaml) {
    return new CatalogLoader(ENV::get).parse(yaml, "catalog.yaml", Path.of("."), Optional.empty());
  }

  private static String error(String yaml) {
    return assertThrows(CatalogException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void defaultsForAMinimalTable() {
    Catalog catalog =
        parse(
            "schemas:\n  - name: crm\n    tables:\n      - name: users\n        url: https://api.example.com/users\n");
    FeedDef users = catalog.schemas().get("crm").get(0);
    assertEquals("crm.users", users.qualifiedName());
    assertEquals("GET", users.method());
    assertEquals(RecordLayout.AUTO, users.records());
    assertEquals(Style.NONE, users.pagination().style());
    assertEquals(Optional.empty(), users.columns());
    assertEquals(HttpSettings.DEFAULTS, users.http());
    assertEquals(AuthDef.NONE, users.auth());
    assertEquals(Optional.empty(), catalog.readJsonHosts());
  }

  @Test
  void splitWindowsAreReadAndChecked() {
    String table =
        "schemas:\n  - name: crm\n    tables:\n      - name: users\n"
            + "        url: https://api.example.com/users\n        split: ";
    FeedDef users =
        parse(table + "{column: id, step: 10000, from: 0}\n").schemas().get("crm").get(0);
    assertEquals(Optional.of("id"), users.split().column());
    assertEquals(Optional.of("10000"), users.split().step());
    assertEquals(Optional.of("0"), users.split().from());
    assertEquals(Optional.empty(), users.split().to());
    assertEquals(10, users.split().pagesPerTask());
    String noStep = error(table + "{column: id}\n");
    assertTrue(noStep.contains("column and step go together"), noStep);
    String week = error(table + "{column: created_at, step: 1w}\n");
    assertTrue(week.contains("a duration (1d, 6h, 30m, 15s): 1w"), week);
    String unknown = error(table + "{by: id}\n");
    assertTrue(unknown.contains("by"), unknown);
  }

  @Test
  void fullMapping() {
    Catalog catalog =
        parse(
            String.join(
                "\n",
                "version: 1",
                "read_json: {allow_hosts: [api.example.com, '*.internal.example.com']}",
                "schemas:",
                "  - name: crm",
                "    tables:",
                "      - name: Users",
                "        description: people",
                "        url: ${env:BASE}/v1/users",
                "        method: post",
                "        body: '{\"page\": ${page}}'",
                "        headers: {X-Trace: abc}",
                "        query: {active: 'true'}",
                "        auth: {type: bearer, token: '${env:API_TOKEN}'}",
                "        records: {format: array, pointer: /data}",
                "        pagination: {style: offset, page_size: 50, limit_param: count, total_pointer: /total}",
                "        columns:",
                "          - {name: id, type: bigint}",
                "          - {name: city, type: VARCHAR, path: /address/city}",
                "          - {name: seen, type: timestamp, format: epoch_millis}",
                "        retry: {attempts: 2, initial_delay_ms: 5, max_delay_ms: 50}",
                "        timeouts: {connect_ms: 1000, response_ms: 2000, request_ms: 3000}",
                "        limits: {max_pages: 7, max_rows: 700}",
                ""));
    FeedDef feed = catalog.schemas().get("crm").get(0);
    assertEquals("Users", feed.name());
    assertEquals("people", feed.description());
    assertEquals("http://127.0.0.1:9999/v1/users", feed.url());
    assertEquals("POST", feed.method());
    assertEquals(Optional.of("{\"page\": ${page}}"), feed.body());
    assertEquals(Map.of("X-Trace", "abc"), feed.headers());
    assertEquals(Map.of("active", "true"), feed.query());
    assertEquals(new AuthDef.Bearer("s3cr3t-token-value"), feed.auth());
    assertEquals(new RecordLayout(RecordLayout.Format.ARRAY, "/data"), feed.records());
    PaginationDef p = feed.pagination();
    assertEquals(Style.OFFSET, p.style());
    assertEquals(50, p.pageSize());
    assertEquals("count", p.limitParam());
    assertEquals("offset", p.offsetParam());
    assertEquals("/total", p.totalPointer());
    List<ColumnDef> columns = feed.columns().orElseThrow();
    assertEquals(new ColumnDef("id", ColumnType.BIGINT, "/id", null), columns.get(0));
    assertEquals(new ColumnDef("city", ColumnType.VARCHAR, "/address/city", null), columns.get(1));
    assertEquals(
        new ColumnDef("seen", ColumnType.TIMESTAMP, "/seen", "epoch_millis"), columns.get(2));
    assertEquals(
        new HttpSettings(
            2,
            Duration.ofMillis(5),
            Duration.ofMillis(50),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            7,
            700),
        feed.http());
    assertTrue(catalog.readJsonHosts().orElseThrow().allows("db.internal.example.com"));
    assertFalse(catalog.readJsonHosts().orElseThrow().allows("evil.com"));
  }

  @Test
  void batchedParameterTakesManyValuesARequest() {
    String table =
        "schemas:\n  - name: crm\n    tables:\n      - name: users\n        url: http://x/users\n"
            + "        columns: [{name: name, type: VARCHAR}]\n        parameters:\n";
    FeedDef users =
        parse(table + "          - {name: id, type: BIGINT, batch: {max: 50}}\n")
            .schemas()
            .get("crm")
            .get(0);
    assertEquals(
        Optional.of(new ParameterBatch(50, ",", "/id")), users.parameters().get(0).batch());
    FeedDef custom =
        parse(
                table
                    + "          - {name: ids, batch: {max: 7, separator: '|', pointer: /user/id}}\n")
            .schemas()
            .get("crm")
            .get(0);
    assertEquals(
        Optional.of(new ParameterBatch(7, "|", "/user/id")), custom.parameters().get(0).batch());
    assertTrue(
        error(table + "          - {name: id, batch: {separator: ','}}\n")
            .contains("key 'schemas[0].tables[0].parameters[0].batch.max': missing"));
    assertTrue(
        error(table + "          - {name: id, batch: {max: 0}}\n")
            .contains("expected a number from 1 to 10000, got 0"));
    assertTrue(
        error(table + "          - {name: id, batch: {max: 5, pointer: id}}\n")
            .contains("batch.pointer"));
  }

  @Test
  void decimalTakesPrecisionAndScale() {
    String table =
        "schemas:\n  - name: s\n    tables:\n      - name: t\n        url: http://x\n        columns:\n          - {name: a, type: %s}\n";
    List<ColumnDef> columns =
        parse(String.format(table, "'DECIMAL(10, 2)'")).schemas().get("s").get(0).columns().get();
    assertEquals(new ColumnDef("a", ColumnType.DECIMAL, "/a", null, 10, 2), columns.get(0));
    assertEquals("DECIMAL(10, 2)", columns.get(0).binding().column().typeName());
    ColumnDef plain =
        parse(String.format(table, "decimal")).schemas().get("s").get(0).columns().get().get(0);
    assertEquals(38, plain.precision());
    assertEquals(0, plain.scale());
    ColumnDef numeric =
        parse(String.format(table, "'numeric(12)'"))
            .schemas()
            .get("s")
            .get(0)
            .columns()
            .get()
            .get(0);
    assertEquals(12, numeric.precision());
    assertTrue(
        error(String.format(table, "'DECIMAL(40, 2)'"))
            .contains("DECIMAL(p, s) needs 1 <= p <= 38 and 0 <= s <= p, got 'DECIMAL(40, 2)'"));
    assertTrue(
        error(String.format(table, "'DECIMAL(4, 5)'"))
            .contains("needs 1 <= p <= 38 and 0 <= s <= p"));
  }

  @Test
  void keyWrittenTwiceInOneMappingIsAnError() {
    // Issue 7: the last one used to win silently.
    assertEquals(
        "catalog.yaml line 6, key 'schemas[0].tables[0].url': written twice in one mapping; keep one",
        error(
            "schemas:\n  - name: crm\n    tables:\n      - name: users\n        url: https://a.example.com\n        url: https://b.example.com\n"));
    assertEquals(
        "catalog.json line 1, key 'schemas': written twice in one mapping; keep one",
        assertThrows(
                CatalogException.class,
                () ->
                    new CatalogLoader(ENV::get)
                        .parse(
                            "{\"schemas\": [], \"schemas\": []}",
                            "catalog.json",
                            Path.of("."),
                            Optional.empty()))
            .getMessage());
    // The same key in two different mappings is fine.
    parse(
        "schemas:\n  - name: a\n    tables:\n      - {name: t, url: 'http://x'}\n      - {name: u, url: 'http://x'}\n");
  }

  @Test
  void errorsNameFileLineKeyAndExpectation() {
    String bad =
        "schemas:\n  - name: crm\n    tables:\n      - name: users\n        url: https://x.example.com\n        pagination:\n          style: pages\n";
    assertEquals(
        "catalog.yaml line 7, key 'schemas[0].tables[0].pagination.style': expected one of none, offset, page, cursor, next_url, link_header, got 'pages'",
        error(bad));
    assertTrue(
        error("schemas:\n  - name: crm\n    tables:\n      - name: users\n        ur1: https://x\n")
            .contains("line 5, key 'schemas[0].tables[0].ur1': unknown key 'ur1'"));
    assertTrue(
        error("schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: ftp://x\n")
            .contains("expected an http:// or https:// URL"));
    assertTrue(
        error(
                "schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: http://x\n        columns:\n          - {name: a, type: int128}\n")
            .contains(
                "line 7, key 'schemas[0].tables[0].columns[0].type': expected one of BOOLEAN"));
    assertTrue(
        error("schemas:\n  - name: a\n    tables: []\n  - name: A\n    tables: []\n")
            .contains("declared twice"));
    assertTrue(
        error(
                "schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: http://x\n        pagination: {style: cursor}\n")
            .contains("needs cursor_pointer"));
    assertTrue(error("schemas: [\n").contains("not valid YAML"));
    assertTrue(
        error(
                "schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: http://x\n        retry: {attempts: 0}\n")
            .contains("expected a number from 1 to 100, got 0"));
  }

  @Test
  void missingSecretNamesTheVariableNeverAValue() {
    String message =
        error(
            "schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: http://x/${env:NOPE}\n");
    assertTrue(message.contains("environment variable NOPE is not set"), message);
    assertTrue(message.contains("line 5"), message);
  }

  @Test
  void secretsAreRedactedFromEverythingShown() {
    Catalog catalog =
        parse(
            "schemas:\n  - name: crm\n    tables:\n      - name: t\n        url: http://x/a?key=${env:API_TOKEN}\n"
                + "        auth: {type: basic, username: bob, password: literal-pass}\n");
    FeedDef feed = catalog.schemas().get("crm").get(0);
    assertEquals("http://x/a?key=***", feed.secrets().redact(feed.url()));
    assertFalse(feed.toString().contains("s3cr3t"), feed.toString());
    assertFalse(feed.auth().toString().contains("literal-pass"));
    assertEquals("pass=***", feed.secrets().redact("pass=literal-pass"));
  }

  @Test
  void secretFromFileDropsTrailingNewline(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("token.txt"), "file-token-123\n");
    Path catalogFile = dir.resolve("catalog.yaml");
    Files.writeString(
        catalogFile,
        "schemas:\n  - name: s\n    tables:\n      - name: t\n        url: http://x\n        auth: {type: bearer, token: '${file:token.txt}'}\n");
    FeedDef feed = new CatalogLoader(ENV::get).loadFile(catalogFile).schemas().get("s").get(0);
    assertEquals(new AuthDef.Bearer("file-token-123"), feed.auth());
  }
}
