package dev.arrowtap.spark;

import dev.arrowtap.exec.TaskSpec;
import dev.arrowtap.source.numbers.NumbersTask;
import java.util.ArrayList;
import java.util.List;

/** Ranges of {@code numbers(start, end)} as a Spark partition, read in order. */
// Arrays as components: a partition is only serialized into a Spark task, never compared.
@SuppressWarnings("ArrayRecordComponent")
record NumbersPartition(long[] starts, long[] ends, ReadSettings settings)
    implements ArrowtapPartition {
  private static final long serialVersionUID = 1L;

  static NumbersPartition of(List<NumbersTask> tasks, ReadSettings settings) {
    long[] starts = new long[tasks.size()];
    long[] ends = new long[tasks.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = tasks.get(i).start();
      ends[i] = tasks.get(i).end();
    }
    return new NumbersPartition(starts, ends, settings);
  }

  @Override
  public List<String> slices() {
    return tasks().stream().map(TaskSpec::slice).toList();
  }

  @Override
  public List<TaskSpec> tasks() {
    List<TaskSpec> tasks = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      tasks.add(new NumbersTask(starts[i], ends[i]));
    }
    return tasks;
  }

  @Override
  public String toString() {
    return "NumbersPartition" + slices();
  }
}
