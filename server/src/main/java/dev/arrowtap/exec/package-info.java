/**
 * Execution: tasks, where they run (this JVM or a worker), their Arrow batch streams, and the
 * bounded merge of those streams. Calcite-free: the rows Calcite reads are made in {@code plan}.
 */
package dev.arrowtap.exec;
