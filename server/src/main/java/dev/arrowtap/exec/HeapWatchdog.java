package dev.arrowtap.exec;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import dev.arrowtap.common.DaemonThreads;
import dev.arrowtap.common.SqlStates;
import dev.arrowtap.metrics.MetricsStore;
import dev.arrowtap.metrics.QueryMetrics;
import dev.arrowtap.metrics.QueryState;
import dev.arrowtap.metrics.StageMetrics;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Keeps queries from exhausting the heap. Calcite's operators keep their state (DISTINCT and GROUP
 * BY hash tables, sort buffers, join build sides) on the heap, where no allocator counts it per
 * query; so this watches the heap still in use after garbage collection, and when it passes the
 * guard, stops the running query that has read the most rows (the likeliest owner of that state)
 * with SQLState 53200, before the JVM runs out of memory and takes every query with it.
 *
 * <p>Only memory that a full collection cannot free counts. After a young collection the old
 * generation still holds whatever garbage was promoted (a stopped query's hash table, for minutes
 * on a quiet server), so a figure over the guard is confirmed by a full collection first; garbage
 * then stops nothing. A query that has read no rows holds no operator state and is never stopped,
 * and while the query stopped last is still unwinding (its state not yet released) nothing else is
 * judged.
 */
public final class HeapWatchdog implements AutoCloseable {
  private static final long PERIOD_MILLIS = 100;

  /** At most one full collection to confirm a figure in this time: each is a pause. */
  private static final long CONFIRM_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** How long a stopped query may take to unwind before others are judged regardless. */
  private static final long UNWIND_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final MetricsStore metrics;
  private final long guardBytes;
  private final Set<String> heapPools;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> task;
  private long lastStop;
  private long lastConfirm;
  private QueryMetrics stoppedLast;
  private final NotificationListener onGc = (notification, handback) -> collected(notification);
  private final List<NotificationEmitter> emitters = new ArrayList<>();

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
            () -> check(false), PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(onGc, null, null);
        emitters.add(emitter);
      }
    }
  }

  /**
   * Judges right after each collection, not only every 100 ms: a query filling the heap can pass
   * the guard and reach the heap's end between two polls. A full collection's figure needs no
   * confirming.
   */
  private void collected(Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    boolean full = "end of major GC".equals(info.getGcAction());
    try {
      timer.execute(() -> check(full));
    } catch (RejectedExecutionException closed) {
      // The watchdog was closed.
    }
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

  /**
   * @param afterFullGc the latest collection was a full one: its figure is what a collection could
   *     not free
   */
  private void check(boolean afterFullGc) {
    long now = System.nanoTime();
    if (stoppedLast != null
        && stoppedLast.state() == QueryState.RUNNING
        && now - lastStop < UNWIND_NANOS) {
      return; // its memory is released as it unwinds: judging now would blame another query
    }
    long used = heapAfterGc();
    if (used <= guardBytes || (!afterFullGc && now - lastConfirm < CONFIRM_NANOS)) {
      return;
    }
    if (!afterFullGc) {
      lastConfirm = now;
    }
    long live = afterFullGc ? used : liveAfterFullGc();
    if (live <= guardBytes) {
      return; // garbage that the latest young collection had left in the old generation
    }
    metrics.queries().stream()
        .filter(q -> q.state() == QueryState.RUNNING && !q.isCancelled() && rowsRead(q) > 0)
        .max(Comparator.comparingLong(HeapWatchdog::rowsRead))
        .ifPresent(query -> stop(query, live));
  }

  /**
   * What a full collection leaves: the heap the running queries (and the server) really hold. The
   * JVM's default for {@code System.gc()} is a full collection that returns when done.
   */
  long liveAfterFullGc() {
    System.gc();
    return heapAfterGc();
  }

  private void stop(QueryMetrics query, long used) {
    lastStop = System.nanoTime();
    stoppedLast = query;
    query.stop(
        SqlStates.OUT_OF_MEMORY,
        "query "
            + query.id()
            + " stopped: the server's heap is nearly full ("
            + (used >> 20)
            + " MB in use after a full garbage collection, guard "
            + (guardBytes >> 20)
            + " MB), and this query had read the most rows ("
            + rowsRead(query)
            + "); aggregates, DISTINCT and ORDER BY hold their rows in memory:"
            + " narrow the query or raise the server's heap");
  }

  private static long rowsRead(QueryMetrics query) {
    return query.stages().stream().mapToLong(StageMetrics::rows).sum();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(onGc);
      } catch (ListenerNotFoundException e) {
        // Never added: nothing to remove.
      }
    }
    task.cancel(false);
    timer.shutdownNow();
  }
}
