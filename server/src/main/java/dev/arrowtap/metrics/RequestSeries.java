package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A query's HTTP requests over time, per table: the count each table's tasks had sent, sampled
 * every {@value #TICK_MILLIS} ms while the query runs and once when it ends. The timeline page
 * draws it as the API saw the query. At most {@value #MAX_POINTS} points are kept: when full, every
 * other point is dropped and sampling slows by half, so a long query costs no more than a short
 * one.
 */
public final class RequestSeries {
  static final long TICK_MILLIS = 100;
  static final int MAX_POINTS = 240;

  // One daemon thread samples every running query of the process: each sample only sums counters.
  private static final ScheduledExecutorService SAMPLER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "arrowtap-request-sampler");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * The requests sent by each table's tasks so far, at one moment.
   *
   * @param offsetMillis milliseconds since the query started
   * @param requests requests per table (a stage's scan, such as {@code t.users}), in stage order
   */
  public record Point(long offsetMillis, Map<String, Long> requests) {
    public Point {
      Objects.requireNonNull(requests, "requests is null");
      requests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requests));
    }
  }

  private final List<Point> points = new ArrayList<>();
  private int stride = 1;
  private long ticks;
  private ScheduledFuture<?> sampling;

  /** Starts sampling {@code query} until {@link #stop}. */
  synchronized void start(QueryMetrics query) {
    sampling =
        SAMPLER.scheduleAtFixedRate(
            () -> tick(query), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Stops sampling and takes the last point, at the query's end; later calls change nothing. */
  synchronized void stop(QueryMetrics query) {
    if (sampling != null) {
      sampling.cancel(false);
      sampling = null;
      sample(query);
    }
  }

  private synchronized void tick(QueryMetrics query) {
    if (sampling != null && query.state() != QueryState.RUNNING) {
      // Ended between the tick's start and now: finish() takes the last point.
      return;
    }
    if (sampling != null && ++ticks % stride == 0) {
      sample(query);
    }
  }

  private void sample(QueryMetrics query) {
    points.add(new Point(query.elapsedMillis(), byTable(query)));
    if (points.size() > MAX_POINTS) {
      List<Point> kept = new ArrayList<>(MAX_POINTS / 2 + 1);
      for (int i = 0; i < points.size(); i++) {
        // Keep the latest point whatever the parity: it is the total so far.
        if (i % 2 == 1 || i == points.size() - 1) {
          kept.add(points.get(i));
        }
      }
      points.clear();
      points.addAll(kept);
      stride *= 2;
    }
  }

  /** The points so far, oldest first. */
  public synchronized List<Point> points() {
    return List.copyOf(points);
  }

  /**
   * The table a stage reads: its scan label up to the first blank ({@code t.users lookups by id}
   * reads {@code t.users}).
   */
  public static String table(String scan) {
    String trimmed = scan.strip();
    int blank = trimmed.indexOf(' ');
    return blank < 0 ? trimmed : trimmed.substring(0, blank);
  }

  private static Map<String, Long> byTable(QueryMetrics query) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (StageMetrics stage : query.stages()) {
      out.merge(table(stage.scan()), stage.httpRequests(), Long::sum);
    }
    return out;
  }
}
