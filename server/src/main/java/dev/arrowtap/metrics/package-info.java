/**
 * Metrics: per-query, per-stage and per-task figures kept for the last queries, the current query
 * of a thread, and their renderings (EXPLAIN ANALYZE text, the timeline page). The {@code sys}
 * tables over them live in {@code dev.arrowtap.sys}.
 */
package dev.arrowtap.metrics;
