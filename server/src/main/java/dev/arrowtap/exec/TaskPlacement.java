package dev.arrowtap.exec;

import java.util.List;

/**
 * Where each task of one stage starts: an index into the configured workers per task, chosen when
 * the stage starts (empty when tasks run in this JVM). A retry moves on from there.
 */
record TaskPlacement(List<Integer> workers) {
  static final TaskPlacement LOCAL = new TaskPlacement(List.of());

  TaskPlacement {
    workers = List.copyOf(workers);
  }

  /** The worker task {@code task}'s first attempt goes to. */
  int workerOf(int task) {
    return workers.get(task);
  }
}
