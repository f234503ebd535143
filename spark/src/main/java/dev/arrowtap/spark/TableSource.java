package dev.arrowtap.spark;

import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.plan.PushedFilter;
import dev.arrowtap.types.TableShape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Spark table reads, on the driver: a catalog feed or a numbers range. It plans with
 * arrowtap's own tables, so the task split is the server's, and turns each task into a Spark
 * partition that carries no secret.
 */
sealed interface TableSource permits FeedSource, NumbersSource {
  /** The name plans and errors show: {@code demo.users} or {@code numbers(0, 10)}. */
  String name();

  /** Every column, parameters first. */
  TableShape shape();

  /** Columns whose {@code =} and {@code IN} filters become request values. */
  Set<Integer> bindableColumns();

  /** Why a scan with these bindings cannot run, in arrowtap's words, or empty. */
  Optional<String> missingBindings(Map<Integer, List<String>> bindings);

  /** The server's tasks that read these columns for these parameter values. */
  default ScanPlan plan(int[] projection, Map<Integer, List<String>> bindings) {
    return plan(projection, bindings, -1, List.of());
  }

  /**
   * The server's tasks for these columns and parameter values, each reading at most {@code limit}
   * rows (-1: all) with these comparisons sent to the API.
   */
  ScanPlan plan(
      int[] projection,
      Map<Integer, List<String>> bindings,
      long limit,
      List<PushedFilter> filters);

  /**
   * The comparison {@code column op value} as the source's API applies it, given those already
   * pushed, or empty when it stays with Spark.
   */
  default Optional<PushedFilter> pushFilter(
      int column, String op, Object value, List<PushedFilter> others) {
    return Optional.empty();
  }

  /** Some of this source's tasks as a partition an executor runs, one task after another. */
  ArrowtapPartition partition(List<TaskSpec> tasks, ReadSettings settings);
}
