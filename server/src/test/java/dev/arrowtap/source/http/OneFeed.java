package dev.arrowtap.source.http;

import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.catalog.FeedDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads one feed definition from catalog lines, as a user would write them, for unit tests. */
final class OneFeed {
  private OneFeed() {}

  /**
   * The feed of a catalog with one table named {@code t}.
   *
   * @param lines the table's keys after {@code name}, indented by eight spaces
   */
  static FeedDef load(Path dir, String lines) throws IOException {
    Path catalog = Files.createTempFile(dir, "catalog", ".yaml");
    Files.writeString(catalog, "schemas:\n  - name: s\n    tables:\n      - name: t\n" + lines);
    return CatalogLoader.load(catalog).schemas().get("s").get(0);
  }
}
