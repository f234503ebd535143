/**
 * Metrics: per-query and per-task figures kept for the last queries, the {@code sys} schema that
 * shows them, and the text of EXPLAIN ANALYZE.
 */
package dev.arrowtap.metrics;
