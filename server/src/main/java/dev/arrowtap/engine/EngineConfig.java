package dev.arrowtap.engine;

import dev.arrowtap.catalog.HostAllowlist;
import dev.arrowtap.exec.ExecutionConfig;
import dev.arrowtap.exec.MemoryLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an engine is set up by the process that owns it (never by a client): its catalog file, local
 * task slots, memory limit, where and how tasks run, and which hosts read_json may call.
 *
 * @param readJsonDefault the hosts read_json may call when the catalog does not say
 * @param resultIdleTimeout how long a query may wait for its client to fetch before it is stopped
 * @param memory the memory one query may take: Arrow memory, and the heap guard
 */
public record EngineConfig(
    Optional<Path> catalog,
    int localSlots,
    long memoryLimitBytes,
    ExecutionConfig execution,
    HostAllowlist readJsonDefault,
    Duration resultIdleTimeout,
    MemoryLimits memory) {
  public EngineConfig {
    Objects.requireNonNull(memory, "memory is null");
    catalog = catalog.map(path -> path.toAbsolutePath().normalize());
    Objects.requireNonNull(execution, "execution is null");
    Objects.requireNonNull(readJsonDefault, "readJsonDefault is null");
    if (resultIdleTimeout.isNegative() || resultIdleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "result idle timeout must be positive: " + resultIdleTimeout);
    }
    if (localSlots < 1) {
      throw new IllegalArgumentException("local task slots must be at least 1: " + localSlots);
    }
    if (memoryLimitBytes < 1) {
      throw new IllegalArgumentException("memory limit must be positive: " + memoryLimitBytes);
    }
  }

  /** An engine that runs every task in this JVM and lets read_json call any host. */
  public EngineConfig(Optional<Path> catalog, int localSlots, long memoryLimitBytes) {
    this(
        catalog,
        localSlots,
        memoryLimitBytes,
        ExecutionConfig.local(),
        HostAllowlist.ALL,
        Duration.ofMinutes(10),
        MemoryLimits.defaults(memoryLimitBytes));
  }

  /**
   * One task slot per core, Arrow memory up to half the heap limit, no catalog, no workers, and
   * read_json open to every host (the embedded default: the host process is the user).
   */
  public static EngineConfig defaults() {
    return new EngineConfig(
        Optional.empty(),
        Runtime.getRuntime().availableProcessors(),
        Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 2));
  }

  public EngineConfig withCatalog(Path path) {
    return new EngineConfig(
        Optional.of(path),
        localSlots,
        memoryLimitBytes,
        execution,
        readJsonDefault,
        resultIdleTimeout,
        memory);
  }

  public EngineConfig withLocalSlots(int slots) {
    return new EngineConfig(
        catalog, slots, memoryLimitBytes, execution, readJsonDefault, resultIdleTimeout, memory);
  }

  public EngineConfig withExecution(ExecutionConfig config) {
    return new EngineConfig(
        catalog, localSlots, memoryLimitBytes, config, readJsonDefault, resultIdleTimeout, memory);
  }

  public EngineConfig withResultIdleTimeout(Duration timeout) {
    return new EngineConfig(
        catalog, localSlots, memoryLimitBytes, execution, readJsonDefault, timeout, memory);
  }

  public EngineConfig withReadJsonDefault(HostAllowlist hosts) {
    return new EngineConfig(
        catalog, localSlots, memoryLimitBytes, execution, hosts, resultIdleTimeout, memory);
  }

  /** The memory one query may take. */
  public EngineConfig withMemoryLimits(MemoryLimits limits) {
    return new EngineConfig(
        catalog,
        localSlots,
        memoryLimitBytes,
        execution,
        readJsonDefault,
        resultIdleTimeout,
        limits);
  }
}
