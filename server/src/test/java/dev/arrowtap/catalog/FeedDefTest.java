package dev.arrowtap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's defaults are a catalog entry's, and a copy changes only what it is told. */
class FeedDefTest {
  @TempDir Path dir;

  private FeedDef load(String lines) throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, "schemas:\n  - name: s\n    tables:\n      - name: t\n" + lines);
    return CatalogLoader.load(catalog).schemas().get("s").get(0);
  }

  @Test
  void theBuildersDefaultsAreThoseOfAnEntryWithOnlyAUrl() throws Exception {
    FeedDef loaded = load("        url: http://api.test/users\n");
    FeedDef built = FeedDef.builder("s", "t", "http://api.test/users").build();
    assertEquals(PaginationDef.Style.NONE, loaded.pagination().style());
    for (RecordComponent component : FeedDef.class.getRecordComponents()) {
      if (component.getName().equals("pagination") || component.getName().equals("secrets")) {
        // PaginationDef.NONE does not prefetch (one page has nothing to prefetch); Secrets has
        // no value equality, and this entry has none.
        continue;
      }
      assertEquals(
          component.getAccessor().invoke(built),
          component.getAccessor().invoke(loaded),
          component.getName());
    }
  }

  @Test
  void toBuilderKeepsEverySettingAndWithFetchChangesOnlyTheFetch() throws Exception {
    FeedDef feed =
        load(
            "        description: users\n"
                + "        method: POST\n"
                + "        body: '{\"q\": 1}'\n"
                + "        url: http://api.test/users/{org}\n"
                + "        headers: {X-A: b}\n"
                + "        query: {sort: id}\n"
                + "        auth: {type: bearer, token: t0ken-value}\n"
                + "        records: {pointer: /data}\n"
                + "        pagination: {style: page, page_size: 50}\n"
                + "        columns: [ {name: id, type: BIGINT} ]\n"
                + "        parameters: [ {name: org, default: acme} ]\n"
                + "        retry: {attempts: 5}\n"
                + "        concurrency: 2\n"
                + "        filters: [ {column: id, op: '>=', param: since} ]\n");
    assertEquals(feed, feed.toBuilder().build());
    FetchDef other = FetchDef.DEFAULTS;
    assertNotEquals(other, feed.fetch());
    FeedDef changed = feed.withFetch(other);
    assertEquals(other, changed.fetch());
    assertEquals(feed, changed.withFetch(feed.fetch()));
  }
}
