package dev.arrowtap.plan;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The estimated HTTP requests of the scans of one query implemented so far, keyed by the query's
 * implementor (one per query's code generation), so that a budget is checked against the whole
 * query's estimate rather than one scan's.
 */
final class QueryEstimates {
  private static final Map<Object, long[]> SUMS = Collections.synchronizedMap(new WeakHashMap<>());

  private QueryEstimates() {}

  /** Adds a scan's estimate to its query's; returns the query's so far. */
  static long add(Object implementor, long requests) {
    synchronized (SUMS) {
      long[] sum = SUMS.computeIfAbsent(implementor, k -> new long[1]);
      sum[0] += requests;
      return sum[0];
    }
  }
}
