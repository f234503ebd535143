package dev.arrowtap.catalog;

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
}
