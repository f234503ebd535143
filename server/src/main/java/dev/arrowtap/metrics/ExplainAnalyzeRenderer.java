package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders EXPLAIN ANALYZE: a summary line, the plan, then each stage with its tasks and their
 * metrics as a tree, one line per row.
 */
public final class ExplainAnalyzeRenderer {
  private ExplainAnalyzeRenderer() {}

  public static List<String> render(QueryMetrics query, String plan) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "EXPLAIN ANALYZE query "
            + query.id()
            + ": "
            + query.state()
            + ", "
            + count(query.rows())
            + " rows in "
            + query.elapsedMillis()
            + " ms");
    for (String line : plan.split("\n", -1)) {
      if (!line.isBlank()) {
        lines.add(line.stripTrailing());
      }
    }
    for (StageMetrics stage : query.stages()) {
      renderStage(query.id(), stage, lines);
    }
    if (query.error() != null) {
      lines.add("error: " + query.error());
    }
    return lines;
  }

  private static void renderStage(long queryId, StageMetrics stage, List<String> lines) {
    lines.add(
        "Stage "
            + stage.stage()
            + ": "
            + stage.scan()
            + " ("
            + stage.tasks().size()
            + (stage.tasks().size() == 1 ? " task" : " tasks")
            + ") - "
            + stage.elapsedMillis()
            + " ms total, "
            + count(stage.rows())
            + " rows");
    for (int i = 0; i < stage.tasks().size(); i++) {
      boolean last = i == stage.tasks().size() - 1;
      renderTask(TaskMetricsSnapshot.of(queryId, stage, i), last, lines);
    }
  }

  private static void renderTask(TaskMetricsSnapshot task, boolean last, List<String> lines) {
    String branch = last ? "└─ " : "├─ ";
    String indent = last ? "   " : "│  ";
    lines.add(
        branch
            + "Task "
            + task.task()
            + ": "
            + (task.worker() == null ? "not started" : task.worker())
            + " "
            + task.slice()
            + " - "
            + task.elapsedMillis()
            + " ms "
            + task.state());
    List<String> items = new ArrayList<>();
    if (task.rowsIn() >= 0) {
      items.add("input_rows: " + count(task.rowsIn()) + " (partial aggregate)");
    }
    items.add("output_rows: " + count(task.rows()));
    items.add("batches: " + count(task.batches()));
    items.add("arrow_bytes: " + count(task.arrowBytes()));
    items.add("http_requests: " + count(task.httpRequests()));
    items.add("http_bytes: " + count(task.httpBytes()));
    items.add("attempts: " + task.attempts() + " (retries: " + task.retries() + ")");
    if (task.cacheHits() > 0) {
      items.add("cache_hits: " + count(task.cacheHits()));
    }
    if (task.rateLimitWaits() > 0) {
      items.add(
          "rate_limit_waits: "
              + count(task.rateLimitWaits())
              + " ("
              + count(task.rateLimitWaitMillis())
              + " ms)");
    }
    items.add(
        "time_to_first_batch: "
            + (task.firstBatchMillis() < 0 ? "-" : task.firstBatchMillis() + " ms"));
    items.add("peak_memory: " + count(task.peakMemory()) + " bytes");
    for (String note : task.notes()) {
      items.add("note: " + note);
    }
    if (task.error() != null) {
      items.add("error: " + task.error());
    }
    for (int i = 0; i < items.size(); i++) {
      lines.add(indent + (i == items.size() - 1 ? "└─ " : "├─ ") + items.get(i));
    }
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
