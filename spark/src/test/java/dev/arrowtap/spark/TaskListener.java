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
 * page shows them per task. Events arrive asynchronously: drain Spark's listener bus before
 * reading.
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

  List<Map<String, Long>> tasks() {
    return List.copyOf(tasks);
  }
}
