package dev.arrowtap.metrics;

/**
 * A worker's cumulative counts for one task, sent as Flight app metadata with every batch and in a
 * final zero-row message, so the coordinator holds the latest even when it stops reading early.
 */
public record TaskProgress(
    long rows,
    long batches,
    long arrowBytes,
    long httpRequests,
    long httpBytes,
    long retries,
    long peakMemory) {}
