package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.tck.CatalogImportTest.Result;
import dev.arrowtap.tck.CatalogImportTest.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code arrowtap catalog draft} against live endpoints in the styles of Stripe (cursor), the
 * Petstore (offset and total) and GitHub (Link header): two requests at most, a catalog that loads
 * as it is in both modes, and tables that return every page's rows.
 */
class CatalogDraftTest {
  private static final SpecApis API = SpecApis.INSTANCE;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cursorInTheBody(Mode mode) throws Exception {
    int before = API.requests.size();
    String text =
        draft(
            API.url("/stripe/v1/customers/search?query=all&limit=2"),
            "--header",
            "Authorization: Basic c2tfdGVzdF9rZXk6dW51c2Vk",
            "--schema",
            "sdraft",
            "--table",
            "customers");
    assertEquals(2, API.requests.size() - before, "two requests: " + API.requests);
    assertTrue(
        text.contains("style: cursor, cursor_param: page, cursor_pointer: /next_page"), text);
    assertTrue(text.contains("Authorization: \"${env:SDRAFT_AUTHORIZATION}\""), text);
    assertFalse(text.contains("c2tfdGVzdF9rZXk6dW51c2Vk"), "no secret in the catalog");
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "cus_1|Berlin|gold",
              "cus_2|Paris|basic",
              "cus_3|null|basic",
              "cus_4|Berlin|basic",
              "cus_5|Rome|basic"),
          session.rows("SELECT id, address_city, metadata_tier FROM sdraft.customers ORDER BY id"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void offsetConfirmedBySecondPage(Mode mode) throws Exception {
    int before = API.requests.size();
    String text =
        draft(
            API.url("/pets/v1/pets?limit=2&offset=0"),
            "--header",
            "X-Api-Key: pet-key",
            "--schema",
            "pdraft");
    assertEquals(2, API.requests.size() - before);
    assertTrue(text.contains("style: offset"), text);
    assertTrue(text.contains("total_pointer: /total"), text);
    assertTrue(text.contains("X-Api-Key: \"${env:PDRAFT_X_API_KEY}\""), text);
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "1|Rex|dogs|[https://example.com/Rex.png]|12.5|2020-04-01",
              "2|Tom|cats|[https://example.com/Tom.png]|4.0|2019-02-03",
              "3|Kiki|birds|[https://example.com/Kiki.png]|0.25|2022-11-30",
              "4|Bella|dogs|[https://example.com/Bella.png]|20.0|2018-07-15",
              "5|Nemo|fish|[https://example.com/Nemo.png]|0.1|2023-05-05"),
          session.rows(
              "SELECT id, name, category_name, photoUrls, weight, born FROM pdraft.pets ORDER BY id"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void linkHeaderInOneRequest(Mode mode) throws Exception {
    int before = API.requests.size();
    String text =
        draft(
            API.url("/gh/repos/acme/issues?state=all&per_page=2"),
            "--header",
            "Authorization: Bearer gh-test-token",
            "--schema",
            "ghdraft");
    assertEquals(1, API.requests.size() - before);
    assertTrue(text.contains("style: link_header"), text);
    assertTrue(text.contains("token: \"${env:GHDRAFT_TOKEN}\""), text);
    assertFalse(text.contains("gh-test-token"), "no secret in the catalog");
    try (Session session = open(mode, text)) {
      assertEquals(
          List.of(
              "1|ann|2024-01-02 10:00:00.0",
              "2|bob|2024-01-05 10:00:00.0",
              "3|ann|2024-01-06 10:00:00.0",
              "4|cy|2024-01-09 10:00:00.0",
              "5|bob|2024-01-10 10:00:00.0"),
          session.rows(
              "SELECT number, user_login, updated_at FROM ghdraft.issues ORDER BY number"));
    }
  }

  @Test
  void unusableBodiesNameWhere() {
    Result unauthorised = CatalogImportTest.run("draft", API.url("/gh/repos/acme/issues"));
    assertEquals(1, unauthorised.status());
    assertTrue(unauthorised.err().contains("answered HTTP 401"), unauthorised.err());
    Result notJson = CatalogImportTest.run("draft", API.url("/gh/openapi.yaml"));
    assertEquals(1, notJson.status());
    assertTrue(
        notJson.err().contains("/gh/openapi.yaml: the body is not JSON at line 1"), notJson.err());
    Result usage = CatalogImportTest.run("draft");
    assertEquals(2, usage.status());
  }

  private static String draft(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "draft";
    System.arraycopy(args, 0, all, 1, args.length);
    Result result = CatalogImportTest.run(all);
    assertEquals(0, result.status(), result.err());
    return result.out();
  }

  private Session open(Mode mode, String text) throws Exception {
    Path catalog = Files.createTempFile(dir, "draft", ".yaml");
    Files.writeString(catalog, text);
    return Session.open(mode, catalog);
  }
}
