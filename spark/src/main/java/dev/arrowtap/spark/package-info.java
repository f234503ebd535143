/**
 * arrowtap as an Apache Spark DataSource V2 source: catalog feeds become Spark tables, arrowtap's
 * tasks become Spark input partitions, and their Arrow batches reach Spark without a copy.
 */
package dev.arrowtap.spark;
