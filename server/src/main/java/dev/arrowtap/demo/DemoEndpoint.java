package dev.arrowtap.demo;

import java.util.List;

/** One endpoint of the demo API: answers a request, or throws for a bad parameter. */
@FunctionalInterface
interface DemoEndpoint {
  /** The largest page any endpoint serves, whatever size is asked for. */
  int MAX_PAGE_SIZE = 1_000;

  DemoResponse answer(DemoRequest request);

  /** Up to {@code count} rows from index {@code from}; empty past the end. */
  static <T> List<T> slice(List<T> rows, long from, int count) {
    if (from >= rows.size()) {
      return List.of();
    }
    return rows.subList((int) from, (int) Math.min(rows.size(), from + count));
  }
}
