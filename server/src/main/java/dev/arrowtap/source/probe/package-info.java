/**
 * The {@code sys.task_probe(n)} table function: n tasks that report where they ran, for checking a
 * cluster of workers.
 */
package dev.arrowtap.source.probe;
