package dev.arrowtap.spark;

import dev.arrowtap.exec.TaskSpec;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One arrowtap task as a Spark input partition. It is serialized into Spark's task and so carries
 * what the executor needs to rebuild the task, but never a credential: feed partitions name their
 * catalog and table, and the executor resolves the feed's secrets itself.
 */
sealed interface ArrowtapPartition extends InputPartition permits FeedPartition, NumbersPartition {
  /** The task's slice in plan notation, as the server's EXPLAIN shows it (secrets masked). */
  String slice();

  ReadSettings settings();

  /** Rebuilds the arrowtap task on the executor. */
  TaskSpec task();
}
