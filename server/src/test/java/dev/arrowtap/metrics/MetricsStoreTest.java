package dev.arrowtap.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsStoreTest {
  @Test
  void keepsOnlyTheLastQueries() {
    MetricsStore store = new MetricsStore(3);
    for (int i = 0; i < 5; i++) {
      store.begin("SELECT " + i, "", "c", i);
    }
    List<QueryMetrics> kept = store.queries();
    assertEquals(List.of(3L, 4L, 5L), kept.stream().map(QueryMetrics::id).toList());
    assertTrue(store.find(1).isEmpty());
    assertEquals(5, store.latest("c", 4).orElseThrow().id());
  }

  @Test
  void stagesAndTasksAreNumberedAndQueriesEndOnce() {
    QueryMetrics query = new MetricsStore(10).begin("SELECT 1", "ann", "c", 1);
    StageMetrics first = query.addStage("numbers(0, 11)", List.of("[0-6)", "[6-11)"));
    StageMetrics second = query.addStage("numbers(0, 1)", List.of("[0-1)"));
    assertEquals(1, first.stage());
    assertEquals(2, second.stage());
    first.tasks().get(1).startAttempt("127.0.0.1:4001");
    first.tasks().get(1).addBatch(5, 40);
    first.tasks().get(1).finish(TaskState.FINISHED, null);
    List<TaskMetricsSnapshot> tasks = query.taskSnapshots();
    assertEquals(3, tasks.size());
    assertEquals("127.0.0.1:4001", tasks.get(1).worker());
    assertEquals(5, tasks.get(1).rows());
    assertEquals("PENDING", tasks.get(0).state());
    query.finish(QueryState.CANCELLED, "stopped");
    query.finish(QueryState.FINISHED, null);
    assertEquals(QueryState.CANCELLED, query.state());
  }
}
