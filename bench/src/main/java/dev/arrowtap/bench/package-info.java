/**
 * The benchmark suite behind {@code bench/run}: one class per measure, each comparing arrowtap with
 * a peer (DuckDB, plain Avatica, an ideal) in alternating rounds of one process, and a report
 * written to {@code docs/benchmarks.md} with an SVG chart of the ratios.
 */
package dev.arrowtap.bench;
