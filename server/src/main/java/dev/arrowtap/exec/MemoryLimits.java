package dev.arrowtap.exec;

/**
 * How much memory queries may take, set by the process that owns the engine.
 *
 * @param queryBytes the Arrow memory one query may hold (batches being decoded, queued and read); a
 *     session may set a lower limit, never a higher one
 * @param heapGuardBytes heap in use after garbage collection beyond which the running query that
 *     has read the most rows is stopped, so that Calcite's operator state (DISTINCT and GROUP BY
 *     hash tables, sort buffers), which lives on the heap, cannot exhaust it
 */
public record MemoryLimits(long queryBytes, long heapGuardBytes) {
  public MemoryLimits {
    if (queryBytes < 1 || heapGuardBytes < 1) {
      throw new IllegalArgumentException(
          "memory limits must be positive: " + queryBytes + ", " + heapGuardBytes);
    }
  }

  /** Half the Arrow memory per query; the heap guard at 85% of the maximum heap. */
  public static MemoryLimits defaults(long arrowBytes) {
    return new MemoryLimits(
        Math.max(1, arrowBytes / 2), (long) (Runtime.getRuntime().maxMemory() * 0.85));
  }
}
