package dev.arrowtap.spark;

import dev.arrowtap.metrics.TaskMetrics;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * arrowtap's per-task counters as Spark custom metrics: each task reports its own, the Spark UI
 * shows them per task and the SQL tab sums them per scan. Spark creates the metric classes by name
 * on the driver, so each is a public class with a no-argument constructor.
 */
public final class ArrowtapMetric {
  private ArrowtapMetric() {}

  /** Rows the task gave Spark. */
  public static final class Rows extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapRows";
    }

    @Override
    public String description() {
      return "arrowtap rows";
    }
  }

  /** Arrow batches the task gave Spark. */
  public static final class Batches extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapBatches";
    }

    @Override
    public String description() {
      return "arrowtap batches";
    }
  }

  /** HTTP requests the task sent, retries included. */
  public static final class HttpRequests extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapHttpRequests";
    }

    @Override
    public String description() {
      return "arrowtap HTTP requests";
    }
  }

  /** Response body bytes the task read. */
  public static final class HttpBytes extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapHttpBytes";
    }

    @Override
    public String description() {
      return "arrowtap HTTP bytes";
    }
  }

  /** Requests sent again after a failure or a 429. */
  public static final class Retries extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapRetries";
    }

    @Override
    public String description() {
      return "arrowtap retries";
    }
  }

  /** Times the API answered 429 and the task waited. */
  public static final class RateLimitWaits extends CustomSumMetric {
    @Override
    public String name() {
      return "arrowtapRateLimitWaits";
    }

    @Override
    public String description() {
      return "arrowtap rate-limit waits";
    }
  }

  /** One metric and where its value is in a task's counters. */
  private record Reported(CustomMetric metric, ToLongFunction<TaskMetrics> value) {}

  private static final Reported[] REPORTED = {
    new Reported(new Rows(), TaskMetrics::rows),
    new Reported(new Batches(), TaskMetrics::batches),
    new Reported(new HttpRequests(), TaskMetrics::httpRequests),
    new Reported(new HttpBytes(), TaskMetrics::httpBytes),
    new Reported(new Retries(), TaskMetrics::retries),
    new Reported(new RateLimitWaits(), TaskMetrics::rateLimitWaits),
  };

  /** The metrics an arrowtap scan declares. */
  static CustomMetric[] supported() {
    CustomMetric[] metrics = new CustomMetric[REPORTED.length];
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = REPORTED[i].metric;
    }
    return metrics;
  }

  /** A task's counters now, as Spark task metrics. */
  static CustomTaskMetric[] values(TaskMetrics metrics) {
    CustomTaskMetric[] values = new CustomTaskMetric[REPORTED.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Value(REPORTED[i].metric.name(), REPORTED[i].value.applyAsLong(metrics));
    }
    return values;
  }

  private record Value(String name, long value) implements CustomTaskMetric {}
}
