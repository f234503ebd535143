package dev.arrowtap.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records what each finished Spark task reported for the arrowtap metrics, as the Spark UI's stage
 * page shows them per task.
 */
final class TaskListener extends SparkListener {
  private final List<Map<String, Long>> tasks = new CopyOnWriteArrayList<>();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Map<String, Long> values = new HashMap<>();
    for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
      if (info.name().isDefined() && info.name().get().startsWith("arrowtap ")) {
        Object update = info.update().isDefined() ? info.update().get() : null;
        if (update instanceof Number number) {
          values.put(info.name().get(), number.longValue());
        }
      }
    }
    if (!values.isEmpty()) {
      tasks.add(values);
    }
  }

  void clear() {
    tasks.clear();
  }

  /** The tasks seen so far, waiting up to 10 s for {@code count} of them (events are async). */
  List<Map<String, Long>> awaitTasks(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (tasks.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return List.copyOf(tasks);
  }
}
