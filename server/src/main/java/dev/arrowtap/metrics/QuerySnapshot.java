package dev.arrowtap.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One query's figures at one moment: what EXPLAIN ANALYZE renders.
 *
 * @param rows rows handed to the client (the final stage's output)
 * @param error the error the query ended with, or null
 */
public record QuerySnapshot(
    long id,
    QueryState state,
    long rows,
    long elapsedMillis,
    String error,
    List<StageSnapshot> stages) {
  public QuerySnapshot {
    Objects.requireNonNull(state, "state is null");
    stages = List.copyOf(stages);
  }
}
