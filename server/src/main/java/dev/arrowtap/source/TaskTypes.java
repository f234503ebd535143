package dev.arrowtap.source;

import dev.arrowtap.aggregate.PartialAggregateTask;
import dev.arrowtap.exec.TaskCodec;
import dev.arrowtap.source.http.FeedLookupTask;
import dev.arrowtap.source.http.FeedTask;
import dev.arrowtap.source.numbers.NumbersTask;
import dev.arrowtap.source.probe.TaskProbeTask;

/**
 * The task types of arrowtap's sources and their names on the wire, registered where an engine or a
 * worker starts; a new source adds its line here.
 */
public final class TaskTypes {
  private TaskTypes() {}

  /** Makes every built-in task type known to {@link TaskCodec}; calling it again does nothing. */
  public static void registerBuiltIns() {
    TaskCodec.register(NumbersTask.class, "numbers");
    TaskCodec.register(TaskProbeTask.class, "task_probe");
    TaskCodec.register(FeedTask.class, "feed");
    TaskCodec.register(FeedLookupTask.class, "feed_lookup");
    TaskCodec.register(PartialAggregateTask.class, PartialAggregateTask.TYPE);
  }
}
