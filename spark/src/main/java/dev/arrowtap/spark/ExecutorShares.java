package dev.arrowtap.spark;

import org.apache.spark.SparkContext;

/**
 * How many executor processes share a table's {@code rate_limit}, as the server shares it among its
 * workers: each executor JVM keeps its own budget, so each gets one share of the catalog's numbers.
 * Counted on the driver when the scan is planned: the executors registered then, or {@code
 * spark.executor.instances} if more; one in local mode, where every task runs in the driver's JVM.
 */
final class ExecutorShares {
  private ExecutorShares() {}

  static int of(SparkContext context) {
    if (context.isLocal()) {
      return 1;
    }
    // The driver is listed among the block managers too.
    int registered = context.getExecutorMemoryStatus().size() - 1;
    int configured = context.conf().getInt("spark.executor.instances", 0);
    return Math.max(1, Math.max(registered, configured));
  }
}
