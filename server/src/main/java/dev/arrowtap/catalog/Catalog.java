package dev.arrowtap.catalog;

import dev.arrowtap.common.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated catalog: schemas of feed tables and the hosts {@code read_json} may call.
 *
 * @param schemas schema name to its feed tables
 * @param readJsonHosts the read_json allowlist, or empty when the catalog does not set one
 */
public record Catalog(
    Optional<Path> source,
    Map<String, List<FeedDef>> schemas,
    Optional<HostAllowlist> readJsonHosts) {
  public static final Catalog EMPTY = new Catalog(Optional.empty(), Map.of(), Optional.empty());

  public Catalog {
    Objects.requireNonNull(source, "source is null");
    schemas = Map.copyOf(schemas);
    Objects.requireNonNull(readJsonHosts, "readJsonHosts is null");
  }

  /** Every secret the catalog's feeds hold, so that logs and errors can mask them. */
  public Secrets secrets() {
    Secrets all = Secrets.NONE;
    for (List<FeedDef> feeds : schemas.values()) {
      for (FeedDef feed : feeds) {
        all = all.plus(feed.secrets());
      }
    }
    return all;
  }
}
