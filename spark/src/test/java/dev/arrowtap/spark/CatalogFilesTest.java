package dev.arrowtap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arrowtap.catalog.AuthDef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How executors and the driver load a catalog file and resolve its secrets. */
class CatalogFilesTest {
  private static final String CATALOG =
      """
      version: 1
      schemas:
        - name: s
          tables:
            - name: t
              url: http://127.0.0.1:9/t
              auth: { type: bearer, token: "${file:token.txt}" }
              columns: [{ name: n, type: BIGINT }]
      """;

  private static String token(String catalog, long now) {
    AuthDef auth =
        CatalogFiles.feed(CatalogFiles.load(catalog, now), "S", "T").orElseThrow().auth();
    return ((AuthDef.Bearer) auth).token();
  }

  @Test
  void aRotatedSecretFileIsReadAgainWithinAMinute() throws Exception {
    Path directory = Files.createTempDirectory("arrowtap-catalog-files");
    Files.writeString(directory.resolve("token.txt"), "first-token");
    Path catalog = directory.resolve("catalog.yaml");
    Files.writeString(catalog, CATALOG);
    long start = System.nanoTime();
    assertEquals("first-token", token(catalog.toString(), start));

    Files.writeString(directory.resolve("token.txt"), "second-token");
    assertEquals("first-token", token(catalog.toString(), start + 1_000_000_000L));
    long later = start + CatalogFiles.REFRESH.toNanos();
    assertEquals("second-token", token(catalog.toString(), later));
  }

  @Test
  void aMissingTableNamesTheCatalog() throws Exception {
    Path catalog = Files.createTempDirectory("arrowtap-catalog-files").resolve("c.yaml");
    Files.writeString(catalog.resolveSibling("token.txt"), "x-token");
    Files.writeString(catalog, CATALOG);
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> CatalogFiles.requireFeed(catalog.toString(), "s.nope"))
            .getMessage();
    assertEquals("arrowtap: table s.nope is not in catalog " + catalog, message);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> CatalogFiles.requireFeed(catalog + ".missing", "s.t"))
            .getMessage()
            .startsWith("arrowtap: cannot read catalog file " + catalog + ".missing"));
  }
}
