package dev.arrowtap.engine;

import dev.arrowtap.catalog.HostAllowlist;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an engine is set up by the process that owns it (never by a client): its catalog file, local
 * task slots and memory limit.
 */
public record EngineConfig(
    Optional<Path> catalog, int localSlots, long memoryLimitBytes, HostAllowlist readJsonDefault) {
  public EngineConfig {
    java.util.Objects.requireNonNull(readJsonDefault, "readJsonDefault is null");
    catalog = catalog.map(path -> path.toAbsolutePath().normalize());
    if (localSlots < 1) {
      throw new IllegalArgumentException("local task slots must be at least 1: " + localSlots);
    }
    if (memoryLimitBytes < 1) {
      throw new IllegalArgumentException("memory limit must be positive: " + memoryLimitBytes);
    }
  }

  /**
   * One task slot per core, Arrow memory up to half the heap limit, no catalog, and read_json open
   * to every host (the embedded default: the host process is the user).
   */
  public static EngineConfig defaults() {
    return new EngineConfig(
        Optional.empty(),
        Runtime.getRuntime().availableProcessors(),
        Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 2),
        HostAllowlist.ALL);
  }

  public EngineConfig withCatalog(Path path) {
    return new EngineConfig(Optional.of(path), localSlots, memoryLimitBytes, readJsonDefault);
  }

  public EngineConfig withLocalSlots(int slots) {
    return new EngineConfig(catalog, slots, memoryLimitBytes, readJsonDefault);
  }

  /** The hosts read_json may call when the catalog does not say. */
  public EngineConfig withReadJsonDefault(HostAllowlist hosts) {
    return new EngineConfig(catalog, localSlots, memoryLimitBytes, hosts);
  }
}
