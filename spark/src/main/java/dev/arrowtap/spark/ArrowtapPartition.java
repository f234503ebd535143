package dev.arrowtap.spark;

import dev.arrowtap.exec.TaskSpec;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Arrowtap tasks as one Spark input partition: one task, or several run one after another when the
 * scan's concurrency is capped. It is serialized into Spark's task and so carries what the executor
 * needs to rebuild the tasks, but never a credential: feed partitions name their catalog and table,
 * and the executor resolves the feed's secrets itself.
 */
sealed interface ArrowtapPartition extends InputPartition permits FeedPartition, NumbersPartition {
  /** The tasks' slices in plan notation, as the server's EXPLAIN shows them (secrets masked). */
  List<String> slices();

  ReadSettings settings();

  /** Rebuilds the arrowtap tasks on the executor, in the order they run. */
  List<TaskSpec> tasks();
}
