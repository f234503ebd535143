package dev.arrowtap.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Draws a query's tasks on a timeline, one bar per task from its start to its end, as a plain HTML
 * page with inline SVG: no script, nothing fetched from elsewhere.
 */
public final class TimelinePage {
  private static final int WIDTH = 900;
  private static final int LABEL = 260;
  private static final int ROW = 26;

  private TimelinePage() {}

  /** The list of recent queries, newest first, each linking to its timeline. */
  public static String index(List<QueryMetrics> queries) {
    StringBuilder html = head("arrowtap queries");
    html.append("<h1>Recent queries</h1><table><tr><th>query</th><th>state</th><th>elapsed ms</th>")
        .append("<th>rows</th><th>tasks</th><th>SQL</th></tr>");
    for (int i = queries.size() - 1; i >= 0; i--) {
      QueryMetrics q = queries.get(i);
      html.append("<tr><td><a href=\"?query=")
          .append(q.id())
          .append("\">")
          .append(q.id())
          .append("</a></td><td>")
          .append(q.state())
          .append("</td><td>")
          .append(q.elapsedMillis())
          .append("</td><td>")
          .append(q.rows())
          .append("</td><td>")
          .append(q.taskCount())
          .append("</td><td><code>")
          .append(escape(q.sql()))
          .append("</code></td></tr>");
    }
    return html.append("</table></body></html>").toString();
  }

  /** One query's tasks as bars on a shared time axis. */
  public static String timeline(QueryMetrics query) {
    List<TaskMetricsSnapshot> tasks = query.taskSnapshots();
    long span = Math.max(1, query.elapsedMillis());
    for (TaskMetricsSnapshot task : tasks) {
      span = Math.max(span, Math.max(0, task.startOffsetMillis()) + task.elapsedMillis());
    }
    StringBuilder html = head("arrowtap query " + query.id());
    html.append("<p><a href=\"?\">all queries</a></p><h1>Query ")
        .append(query.id())
        .append(": ")
        .append(query.state())
        .append(", ")
        .append(query.elapsedMillis())
        .append(" ms, ")
        .append(query.rows())
        .append(" rows</h1><p><code>")
        .append(escape(query.sql()))
        .append("</code></p>");
    int height = ROW * (tasks.size() + 2) + 10;
    html.append("<svg width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append(
            "\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\" font-size=\"12\">");
    double scale = (WIDTH - LABEL - 10) / (double) span;
    html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\">0 ms</text>", LABEL))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"14\" text-anchor=\"end\">%d ms</text>",
                WIDTH - 10,
                span));
    // The whole query first: the gap before a task's bar is planning, compiling and queueing.
    html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">query</text>", ROW + 15))
        .append(
            String.format(
                Locale.ROOT,
                "<rect class=\"query\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"#cccccc\">"
                    + "<title>the whole query, planning included: %d ms</title></rect>",
                LABEL,
                ROW + 2,
                Math.max(2, query.elapsedMillis() * scale),
                query.elapsedMillis()));
    for (int i = 0; i < tasks.size(); i++) {
      TaskMetricsSnapshot task = tasks.get(i);
      int y = ROW * (i + 2);
      double x = LABEL + Math.max(0, task.startOffsetMillis()) * scale;
      double w = Math.max(2, task.elapsedMillis() * scale);
      String label = "s" + task.stage() + " t" + task.task() + " " + task.slice();
      html.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"4\" y=\"%d\">%s</text>",
                  y + 15,
                  escape(shorten(label, 40))))
          .append(
              String.format(
                  Locale.ROOT,
                  "<rect class=\"task %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">",
                  task.state().toLowerCase(Locale.ROOT),
                  x,
                  y + 2,
                  w,
                  color(task.state())))
          .append("<title>")
          .append(escape(tooltip(task)))
          .append("</title></rect>");
    }
    return html.append("</svg></body></html>").toString();
  }

  private static String tooltip(TaskMetricsSnapshot t) {
    return "task t"
        + t.task()
        + " "
        + t.slice()
        + " on "
        + (t.worker() == null ? "local" : t.worker())
        + ": "
        + t.state()
        + ", "
        + t.rows()
        + " rows, "
        + t.batches()
        + " batches, "
        + t.httpRequests()
        + " HTTP requests, "
        + t.elapsedMillis()
        + " ms"
        + (t.error() == null ? "" : ", " + t.error());
  }

  private static String color(String state) {
    return switch (state) {
      case "FINISHED" -> "#4a90d9";
      case "FAILED" -> "#d9534f";
      case "CANCELLED", "STOPPED" -> "#999999";
      default -> "#f0ad4e";
    };
  }

  private static StringBuilder head(String title) {
    return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append(
            "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
                + "code{font-size:90%}</style></head><body>");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
