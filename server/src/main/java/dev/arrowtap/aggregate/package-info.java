/**
 * Partial aggregation inside a task: simple filters and a hash aggregate evaluated on the task's
 * Arrow batches, so that a task (here or on a worker) hands on one row per group instead of every
 * row it read. Calcite-free: the planner rule that builds these specs lives in {@code plan}.
 */
package dev.arrowtap.aggregate;
