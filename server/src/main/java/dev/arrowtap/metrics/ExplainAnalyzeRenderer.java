package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders EXPLAIN ANALYZE from a query's snapshot: a summary line, the plan, then the final stage
 * (the coordinator's operators, which read every stage and produce the result) with each scan stage
 * below it, each stage with its tasks and their metrics, as a tree, one line per row. A pure
 * function of its arguments.
 */
public final class ExplainAnalyzeRenderer {
  private ExplainAnalyzeRenderer() {}

  /** Renders a query as it stands now. */
  public static List<String> render(QueryMetrics query, String plan) {
    return render(query.snapshot(), plan);
  }

  public static List<String> render(QuerySnapshot query, String plan) {
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
    renderFinalStage(query, lines);
    for (int i = 0; i < query.stages().size(); i++) {
      boolean last = i == query.stages().size() - 1;
      renderStage(query.stages().get(i), last ? "└─ " : "├─ ", last ? "   " : "│  ", lines);
    }
    if (query.error() != null) {
      lines.add("error: " + query.error());
    }
    return lines;
  }

  /**
   * The coordinator's part: it takes what every stage sent (rows, or a partial aggregate's groups)
   * and produces the rows the client gets.
   */
  private static void renderFinalStage(QuerySnapshot query, List<String> lines) {
    StringBuilder in = new StringBuilder();
    long rows = 0;
    long groups = 0;
    for (StageSnapshot stage : query.stages()) {
      if (stage.output() == StageOutput.GROUPS) {
        groups += stage.rowsOut();
      } else {
        rows += stage.rowsOut();
      }
    }
    if (rows > 0 || groups == 0) {
      in.append(count(rows)).append(" rows");
    }
    if (groups > 0) {
      in.append(in.length() > 0 ? " and " : "").append(count(groups)).append(" groups");
    }
    lines.add(
        "Final stage: coordinator - "
            + query.elapsedMillis()
            + " ms, "
            + in
            + " in, "
            + count(query.rows())
            + " rows out");
  }

  private static void renderStage(
      StageSnapshot stage, String branch, String indent, List<String> lines) {
    String noun = stage.output().noun();
    lines.add(
        branch
            + "Stage "
            + stage.stage()
            + ": "
            + stage.scan()
            + " ("
            + stage.tasks().size()
            + (stage.tasks().size() == 1 ? " task" : " tasks")
            + ") - "
            + stage.elapsedMillis()
            + " ms total, "
            + count(stage.rowsIn())
            + " rows in, "
            + count(stage.rowsOut())
            + " "
            + noun
            + " out"
            + requests(stage));
    for (int i = 0; i < stage.tasks().size(); i++) {
      boolean last = i == stage.tasks().size() - 1;
      renderTask(stage.tasks().get(i), noun, indent, last, lines);
    }
  }

  private static void renderTask(
      TaskMetricsSnapshot task, String noun, String indent, boolean last, List<String> lines) {
    String branch = indent + (last ? "└─ " : "├─ ");
    String itemIndent = indent + (last ? "   " : "│  ");
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
    items.add("rows_in: " + count(task.rowsIn()));
    items.add(noun + "_out: " + count(task.rows()));
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
      lines.add(itemIndent + (i == items.size() - 1 ? "└─ " : "├─ ") + items.get(i));
    }
  }

  /** {@code , http requests: 3 (estimated 3)}, where the plan estimated them. */
  private static String requests(StageSnapshot stage) {
    if (stage.estimatedRequests() < 0 && stage.httpRequests() == 0) {
      return "";
    }
    return ", http requests: "
        + count(stage.httpRequests())
        + (stage.estimatedRequests() >= 0
            ? " (estimated " + count(stage.estimatedRequests()) + ")"
            : "");
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
