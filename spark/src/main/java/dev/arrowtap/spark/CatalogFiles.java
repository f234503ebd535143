package dev.arrowtap.spark;

import dev.arrowtap.catalog.Catalog;
import dev.arrowtap.catalog.CatalogLoader;
import dev.arrowtap.catalog.FeedDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;

/**
 * Loads catalog files, on the driver and on executors, and keeps each until the file changes or for
 * a minute. Loading resolves the file's {@code ${env:...}} and {@code ${file:...}} references in
 * the process that loads it, so an executor's credentials come from its own environment and files,
 * never from the driver.
 */
final class CatalogFiles {
  /**
   * How long a loaded catalog is used before its references are resolved again, so that a rotated
   * secret file or variable reaches long-lived executors without a change to the catalog file.
   */
  static final Duration REFRESH = Duration.ofMinutes(1);

  private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();

  private CatalogFiles() {}

  private record Loaded(FileTime modified, long loadedAtNanos, Catalog catalog) {}

  /** The catalog at {@code path}: as given, or else a file of that name shipped with the job. */
  static Catalog load(String path) {
    return load(path, System.nanoTime());
  }

  /**
   * The catalog as of {@code nowNanos}: reloaded when the file changed or after {@link #REFRESH}.
   */
  static Catalog load(String path, long nowNanos) {
    Path file = locate(path);
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "arrowtap: cannot read catalog file " + path + ": " + e.getClass().getSimpleName(), e);
    }
    Loaded loaded = LOADED.get(file);
    if (loaded == null
        || !loaded.modified.equals(modified)
        || nowNanos - loaded.loadedAtNanos >= REFRESH.toNanos()) {
      loaded = new Loaded(modified, nowNanos, CatalogLoader.load(file));
      LOADED.put(file, loaded);
    }
    return loaded.catalog;
  }

  /** The feed {@code schema.table} of the catalog, names matched case-insensitively. */
  static Optional<FeedDef> feed(Catalog catalog, String schema, String table) {
    for (Map.Entry<String, List<FeedDef>> entry : catalog.schemas().entrySet()) {
      if (!entry.getKey().equalsIgnoreCase(schema)) {
        continue;
      }
      for (FeedDef feed : entry.getValue()) {
        if (feed.name().toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))) {
          return Optional.of(feed);
        }
      }
    }
    return Optional.empty();
  }

  /** The feed {@code schema.table} of the catalog file, or an error naming both. */
  static FeedDef requireFeed(String path, String qualifiedName) {
    int dot = qualifiedName.indexOf('.');
    if (dot <= 0 || dot == qualifiedName.length() - 1) {
      throw new IllegalArgumentException(
          "arrowtap option table must be schema.table, got '" + qualifiedName + "'");
    }
    return feed(load(path), qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "arrowtap: table " + qualifiedName + " is not in catalog " + path));
  }

  private static Path locate(String path) {
    Path file = Path.of(path);
    if (Files.exists(file)) {
      return file;
    }
    // spark-submit --files catalog.yaml puts the file in each executor's work directory.
    try {
      Path shipped = Path.of(SparkFiles.get(file.getFileName().toString()));
      if (Files.exists(shipped)) {
        return shipped;
      }
    } catch (RuntimeException e) {
      // No Spark environment here (or no such file shipped): report the path as given.
    }
    return file;
  }
}
