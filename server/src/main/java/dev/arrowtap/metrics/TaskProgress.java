package dev.arrowtap.metrics;

import java.util.List;

/**
 * A worker's cumulative counts for one task, sent as Flight app metadata with every batch and in a
 * final zero-row message, so the coordinator holds the latest even when it stops reading early.
 *
 * @param rowsIn rows the task read from its source, or -1 when its source does not count them
 * @param httpErrors requests answered with an error status, or not at all
 * @param throttled requests answered 429
 * @param sourceLength what the task learned of its source's length, or null
 */
public record TaskProgress(
    long rows,
    long batches,
    long arrowBytes,
    long httpRequests,
    long httpBytes,
    long retries,
    long peakMemory,
    List<String> notes,
    long rateLimitWaits,
    long rateLimitWaitMillis,
    long cacheHits,
    long rowsIn,
    long httpErrors,
    long throttled,
    SourceLength sourceLength) {
  public TaskProgress {
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
