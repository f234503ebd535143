package dev.arrowtap.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: EXPLAIN ANALYZE draws the final stage over each stage and its tasks (seed 001). */
class ExplainAnalyzeRendererTest {
  private static final String PLAN =
      "EnumerableAggregate(group=[{}], EXPR$0=[COUNT()])\n"
          + "  ArrowtapTableScan(scan=[numbers(0, 3000)])\n";

  @Test
  void drawsTheFinalStageOverAScanStageWithRowsInAndOutPerTask() {
    QuerySnapshot query =
        new QuerySnapshot(
            7,
            QueryState.FINISHED,
            1,
            42,
            null,
            List.of(
                new StageSnapshot(
                    1,
                    "numbers(0, 3000)",
                    StageOutput.ROWS,
                    30,
                    List.of(
                        task(0, "127.0.0.1:4001", "[0-1500)", 1500, 1500, 25),
                        task(1, "127.0.0.1:4002", "[1500-3000)", 1500, 1500, 30)))));
    assertEquals(
        List.of(
            "EXPLAIN ANALYZE query 7: FINISHED, 1 rows in 42 ms",
            "EnumerableAggregate(group=[{}], EXPR$0=[COUNT()])",
            "  ArrowtapTableScan(scan=[numbers(0, 3000)])",
            "Final stage: coordinator - 42 ms, 3,000 rows in, 1 rows out",
            "└─ Stage 1: numbers(0, 3000) (2 tasks) - 30 ms total, 3,000 rows in, 3,000 rows out",
            "   ├─ Task 0: 127.0.0.1:4001 [0-1500) - 25 ms FINISHED",
            "   │  ├─ rows_in: 1,500",
            "   │  ├─ rows_out: 1,500",
            "   │  ├─ batches: 2",
            "   │  ├─ arrow_bytes: 12,000",
            "   │  ├─ http_requests: 0",
            "   │  ├─ http_bytes: 0",
            "   │  ├─ attempts: 1 (retries: 0)",
            "   │  ├─ time_to_first_batch: 3 ms",
            "   │  └─ peak_memory: 65,536 bytes",
            "   └─ Task 1: 127.0.0.1:4002 [1500-3000) - 30 ms FINISHED",
            "      ├─ rows_in: 1,500",
            "      ├─ rows_out: 1,500",
            "      ├─ batches: 2",
            "      ├─ arrow_bytes: 12,000",
            "      ├─ http_requests: 0",
            "      ├─ http_bytes: 0",
            "      ├─ attempts: 1 (retries: 0)",
            "      ├─ time_to_first_batch: 3 ms",
            "      └─ peak_memory: 65,536 bytes"),
        ExplainAnalyzeRenderer.render(query, PLAN));
  }

  @Test
  void aPartialAggregateStageShowsGroupsOutAndTheFinalStageReadsGroups() {
    QuerySnapshot query =
        new QuerySnapshot(
            8,
            QueryState.FINISHED,
            3,
            50,
            null,
            List.of(
                new StageSnapshot(
                    1,
                    "numbers(0, 2000000)",
                    StageOutput.GROUPS,
                    45,
                    List.of(
                        task(0, "127.0.0.1:4001", "[0-1000000)", 1_000_000, 3, 40),
                        task(1, "127.0.0.1:4002", "[1000000-2000000)", 1_000_000, 3, 45)))));
    List<String> lines = ExplainAnalyzeRenderer.render(query, PLAN);
    assertEquals("Final stage: coordinator - 50 ms, 6 groups in, 3 rows out", lines.get(3));
    assertEquals(
        "└─ Stage 1: numbers(0, 2000000) (2 tasks) - 45 ms total, 2,000,000 rows in, 6 groups out",
        lines.get(4));
    assertEquals("   │  ├─ rows_in: 1,000,000", lines.get(6));
    assertEquals("   │  ├─ groups_out: 3", lines.get(7));
  }

  @Test
  void stagesAreSiblingsUnderTheFinalStageAndAnErrorEndsTheTree() {
    StageSnapshot pending =
        new StageSnapshot(
            2,
            "demo.users",
            StageOutput.ROWS,
            0,
            List.of(
                new TaskMetricsSnapshot(
                    9,
                    2,
                    0,
                    "demo.users",
                    "pages 1-",
                    null,
                    "PENDING",
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    -1,
                    0,
                    0,
                    null,
                    -1,
                    List.of(),
                    0,
                    0,
                    0,
                    0)));
    StageSnapshot first =
        new StageSnapshot(
            1,
            "numbers(0, 10)",
            StageOutput.ROWS,
            1,
            List.of(task(0, "local", "[0-10)", 10, 10, 1)));
    QuerySnapshot query =
        new QuerySnapshot(9, QueryState.FAILED, 0, 5, "08006: boom", List.of(first, pending));
    List<String> lines = ExplainAnalyzeRenderer.render(query, "");
    assertEquals("Final stage: coordinator - 5 ms, 10 rows in, 0 rows out", lines.get(1));
    assertEquals(
        "├─ Stage 1: numbers(0, 10) (1 task) - 1 ms total, 10 rows in, 10 rows out", lines.get(2));
    assertEquals("│  └─ Task 0: local [0-10) - 1 ms FINISHED", lines.get(3));
    assertEquals("│     ├─ rows_in: 10", lines.get(4));
    int second =
        lines.indexOf("└─ Stage 2: demo.users (1 task) - 0 ms total, 0 rows in, 0 rows out");
    assertEquals("   └─ Task 0: not started pages 1- - 0 ms PENDING", lines.get(second + 1));
    assertEquals("      ├─ rows_in: 0", lines.get(second + 2));
    assertEquals("error: 08006: boom", lines.get(lines.size() - 1));
  }

  private static TaskMetricsSnapshot task(
      int task, String worker, String slice, long rowsIn, long rowsOut, long elapsed) {
    return new TaskMetricsSnapshot(
        7,
        1,
        task,
        "numbers",
        slice,
        worker,
        "FINISHED",
        1,
        rowsOut,
        2,
        12_000,
        0,
        0,
        0,
        3,
        elapsed,
        65_536,
        null,
        0,
        List.of(),
        0,
        0,
        0,
        rowsIn);
  }
}
