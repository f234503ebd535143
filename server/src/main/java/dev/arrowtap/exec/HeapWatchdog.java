package dev.arrowtap.exec;

import com.sun.management.GcInfo;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import dev.arrowtap.metrics.StageMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps queries from exhausting the heap. Calcite's operators keep their state (DISTINCT and GROUP
 * BY hash tables, sort buffers, join build sides) on the heap, where no allocator counts it per
 * query; so this watches the heap still in use after garbage collection, and when it passes the
 * guard, stops the running query that has read the most rows (the likeliest owner of that state)
 * with SQLState 53200, before the JVM runs out of memory and takes every query with it.
 */
public final class HeapWatchdog implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;

  /** After stopping a query, wait this long for its memory to be collected before judging again. */
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final MetricsStore metrics;
  private final long guardBytes;
  private final Set<String> heapPools;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> task;
  private long lastStop;

  public HeapWatchdog(MetricsStore metrics, long guardBytes) {
    this.metrics = metrics;
    this.guardBytes = guardBytes;
    this.heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("arrowtap-heap-watchdog-"));
    this.task =
        timer.scheduleWithFixedDelay(
            this::check, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Heap in use right after the latest garbage collection (young or full): what survived it, not
   * garbage waiting for it, so a busy but healthy heap does not stop queries.
   */
  long heapAfterGc() {
    GcInfo latest = null;
    for (java.lang.management.GarbageCollectorMXBean bean :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      if (bean instanceof com.sun.management.GarbageCollectorMXBean gc) {
        GcInfo info = gc.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return 0;
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  private void check() {
    if (System.nanoTime() - lastStop < SETTLE_NANOS) {
      return;
    }
    long used = heapAfterGc();
    if (used <= guardBytes) {
      return;
    }
    metrics.queries().stream()
        .filter(q -> q.state() == QueryState.RUNNING && !q.isCancelled())
        .max(Comparator.comparingLong(HeapWatchdog::rowsRead))
        .ifPresent(
            query -> {
              lastStop = System.nanoTime();
              query.stop(
                  SqlStates.OUT_OF_MEMORY,
                  "query "
                      + query.id()
                      + " stopped: the server's heap is nearly full ("
                      + (used >> 20)
                      + " MB in use after garbage collection, guard "
                      + (guardBytes >> 20)
                      + " MB), and this query had read the most rows ("
                      + rowsRead(query)
                      + "); aggregates, DISTINCT and ORDER BY hold their rows in memory:"
                      + " narrow the query or raise the server's heap");
            });
  }

  private static long rowsRead(QueryMetrics query) {
    return query.stages().stream().mapToLong(StageMetrics::rows).sum();
  }

  @Override
  public void close() {
    task.cancel(false);
    timer.shutdownNow();
  }
}
