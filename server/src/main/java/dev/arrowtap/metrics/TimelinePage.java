package dev.arrowtap.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's {@code /timeline} pages: the recent queries, and one query's stages and tasks on a
 * time axis with their figures, its error and its requests over time per table. Plain HTML with
 * inline SVG and CSS, no script and nothing fetched from elsewhere; a page of a running query
 * reloads itself every second until the query ends. Every text from a user (SQL, errors, names) is
 * escaped.
 */
public final class TimelinePage {
  /** Seconds between reloads of a page while a query it shows runs. */
  public static final int REFRESH_SECONDS = 1;

  private static final String STYLE =
      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em 2em;color:#111827}"
          + "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}"
          + "a{color:#1d4ed8}pre{white-space:pre-wrap;word-break:break-word;margin:0}"
          + "table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;"
          + "border-bottom:1px solid #e5e7eb;vertical-align:top}th{background:#f3f4f6}"
          + "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
          + "tfoot td{font-weight:600;border-top:2px solid #9ca3af}"
          + ".sql{background:#f9fafb;border:1px solid #e5e7eb;padding:.6em;font:13px monospace}"
          + "td.sql{border:0;border-bottom:1px solid #e5e7eb;max-width:40em}"
          + ".error{background:#fef2f2;border:1px solid #fca5a5;color:#7f1d1d;padding:.6em;"
          + "font:13px monospace}td.err{min-width:22em;max-width:40em;color:#7f1d1d;"
          + "font:12px monospace}td.n{white-space:nowrap}"
          + ".badge{display:inline-block;padding:1px 8px;border-radius:9px;font-size:12px;"
          + "font-weight:600;color:#fff;vertical-align:middle}"
          + ".badge.running{background:#d97706}.badge.finished{background:#2563eb}"
          + ".badge.failed{background:#dc2626}.badge.cancelled{background:#6b7280}"
          + ".live{background:#fffbeb;border:1px solid #fcd34d;padding:.3em .6em;display:inline-block}"
          + "dl.summary{display:grid;grid-template-columns:max-content auto max-content auto;"
          + "gap:2px 14px;margin:.6em 0}dl.summary dt{color:#4b5563}dl.summary dd{margin:0;"
          + "font-variant-numeric:tabular-nums}"
          + ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:.3em 0;font-size:13px}"
          + ".legend span.key{display:inline-block;width:14px;height:10px;margin-right:5px;"
          + "border:1px solid #0003;vertical-align:middle}"
          + ".chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}"
          + ".chart .tick{fill:#4b5563;font-size:11px}.chart .grid{stroke:#e5e7eb}"
          + ".chart .baseline{stroke:#9ca3af}.chart .band{fill:#f3f4f6}"
          + ".chart .heading{font-weight:600}.chart .lane-name{fill:#374151}"
          + ".chart .lane-rule{stroke:#f3f4f6}.chart .bar-label{fill:#fff;font-size:11px}"
          + ".chart .now{stroke:#d97706;stroke-dasharray:4 3}"
          + ".chart .series{fill:none;stroke-width:2}"
          + ".finished{fill:#2563eb;background:#2563eb}"
          + ".running{fill:#f59e0b;background:#f59e0b}.stopped{fill:#93c5fd;background:#93c5fd}"
          + ".cancelled{fill:#9ca3af;background:#9ca3af}.failed{fill:#dc2626;background:#dc2626}"
          + ".pending{fill:#fff;background:#fff}.chart .bar.query{fill:#d1d5db}"
          + ".key.query{background:#d1d5db}"
          + "tr.state-failed td{background:#fef2f2}tr.state-running td{background:#fffbeb}"
          + "td.err,td.notes{white-space:pre-wrap;overflow-wrap:anywhere}td.notes{min-width:12em}"
          + ".muted{color:#6b7280}";

  private TimelinePage() {}

  /** The recent queries, newest first, each linking to its timeline. */
  public static String index(List<QueryMetrics> queries) {
    boolean running = queries.stream().anyMatch(q -> q.state() == QueryState.RUNNING);
    StringBuilder html = head("arrowtap: recent queries", running);
    long failed = queries.stream().filter(q -> q.state() == QueryState.FAILED).count();
    html.append("<h1>Recent queries</h1><p class=\"muted\">")
        .append(queries.size())
        .append(queries.size() == 1 ? " query kept, " : " queries kept, ")
        .append(queries.stream().filter(q -> q.state() == QueryState.RUNNING).count())
        .append(" running, ")
        .append(failed)
        .append(" failed. Times are UTC.</p>");
    if (running) {
      html.append(live("a query is running"));
    }
    if (queries.isEmpty()) {
      return html.append("<p>No query has run yet.</p></body></html>").toString();
    }
    html.append("<table id=\"queries\"><thead><tr><th>query</th><th>state</th><th>started</th>")
        .append("<th>user</th><th>application</th><th class=\"n\">elapsed</th>")
        .append("<th class=\"n\">rows</th><th class=\"n\">tasks</th><th class=\"n\">requests</th>")
        .append("<th>SQL</th><th>error</th></tr></thead><tbody>");
    for (int i = queries.size() - 1; i >= 0; i--) {
      QueryMetrics q = queries.get(i);
      String state = q.state().name().toLowerCase(Locale.ROOT);
      html.append("<tr class=\"query state-")
          .append(state)
          .append("\" data-query=\"")
          .append(q.id())
          .append("\"><td><a href=\"?query=")
          .append(q.id())
          .append("\">")
          .append(q.id())
          .append("</a></td><td>")
          .append(badge(q.state(), false))
          .append("</td><td>")
          .append(Html.utc(q.startMillis()))
          .append("</td><td>")
          .append(q.user().isEmpty() ? "<span class=\"muted\">-</span>" : Html.escape(q.user()))
          .append("</td><td>")
          .append(Html.escape(q.application()))
          .append("</td><td class=\"n\">")
          .append(Html.duration(q.elapsedMillis()))
          .append("</td><td class=\"n\">")
          .append(Html.count(q.rows()))
          .append("</td><td class=\"n\">")
          .append(q.taskCount())
          .append("</td><td class=\"n\">")
          .append(Html.count(q.httpRequests()))
          .append("</td><td class=\"sql\"><code>")
          .append(Html.escape(Html.shorten(q.sql(), 300)))
          .append("</code></td><td class=\"err\">")
          .append(Html.escape(Html.shorten(q.error(), 300)))
          .append("</td></tr>");
    }
    return html.append("</tbody></table></body></html>").toString();
  }

  /** One query: summary, error, SQL, its tasks on a time axis, its requests, its task table. */
  public static String timeline(QueryMetrics query) {
    // One snapshot for the whole page, so the chart and the table show the same moment.
    QuerySnapshot snapshot = query.snapshot();
    List<StageSnapshot> stages = snapshot.stages();
    boolean running = snapshot.state() == QueryState.RUNNING;
    List<TaskMetricsSnapshot> tasks = stages.stream().flatMap(s -> s.tasks().stream()).toList();
    StringBuilder html = head("arrowtap: query " + query.id(), running);
    html.append("<p><a href=\"?\">← all queries</a></p><h1>Query ")
        .append(query.id())
        .append(' ')
        .append(badge(snapshot.state(), true))
        .append("</h1>");
    if (running) {
      html.append(live("the query is running"));
    }
    summary(html, query, snapshot, tasks);
    if (snapshot.error() != null) {
      html.append("<h2>Error</h2><pre id=\"error\" class=\"error\">")
          .append(Html.escape(snapshot.error()))
          .append("</pre>");
    }
    html.append("<h2>SQL</h2><pre id=\"sql\" class=\"sql\">")
        .append(Html.escape(query.sql()))
        .append("</pre>");
    html.append("<h2>Tasks over time</h2>");
    if (stages.isEmpty()) {
      html.append("<p id=\"no-stages\">")
          .append(
              snapshot.state() == QueryState.FAILED
                  ? "No scan ran: the query failed before any feed was read (while planning)."
                  : running
                      ? "No scan has started yet: the query is being planned."
                      : "No scan ran: the query read no feed.")
          .append("</p>");
    } else {
      long span = TaskChart.span(query, stages);
      html.append(legend()).append(TaskChart.render(query, stages, span));
      html.append("<h2>Requests over time, per table</h2>");
      List<RequestSeries.Point> points = query.requestSeries().points();
      if (points.isEmpty() || RequestChart.tables(points).isEmpty()) {
        html.append("<p class=\"muted\">No sample yet: requests are sampled every ")
            .append(RequestSeries.TICK_MILLIS)
            .append(" ms while the query runs.</p>");
      } else {
        html.append(seriesLegend(points)).append(RequestChart.render(points, span));
      }
      tables(html, stages);
      html.append("<h2>Tasks</h2>");
      taskTable(html, tasks);
    }
    return html.append("</body></html>").toString();
  }

  /** The page answered for a query that is not kept (or not the reader's). */
  public static String notFound(String wanted) {
    return head("arrowtap: no such query", false)
        .append("<p><a href=\"?\">← all queries</a></p><p id=\"not-found\">No query ")
        .append(Html.escape(Html.shorten(wanted, 40)))
        .append(" is kept: only the most recent queries are.</p></body></html>")
        .toString();
  }

  private static void summary(
      StringBuilder html,
      QueryMetrics query,
      QuerySnapshot snapshot,
      List<TaskMetricsSnapshot> tasks) {
    long done = tasks.stream().filter(t -> isDone(t.state())).count();
    long rowsIn = tasks.stream().mapToLong(TaskMetricsSnapshot::rowsIn).sum();
    long requests = tasks.stream().mapToLong(TaskMetricsSnapshot::httpRequests).sum();
    long httpBytes = tasks.stream().mapToLong(TaskMetricsSnapshot::httpBytes).sum();
    long retries = tasks.stream().mapToLong(TaskMetricsSnapshot::retries).sum();
    long waits = tasks.stream().mapToLong(TaskMetricsSnapshot::rateLimitWaits).sum();
    long waitMillis = tasks.stream().mapToLong(TaskMetricsSnapshot::rateLimitWaitMillis).sum();
    html.append("<dl class=\"summary\">");
    item(html, "started", "started", Html.utc(query.startMillis()));
    item(html, "user", "user", query.user().isEmpty() ? "-" : query.user());
    item(html, "elapsed", "elapsed", Html.duration(snapshot.elapsedMillis()));
    item(html, "application", "application", query.application());
    item(html, "rows", "rows to the client", Html.count(snapshot.rows()));
    item(html, "rows-read", "rows read", Html.count(rowsIn));
    item(html, "tasks-done", "tasks done", done + " of " + tasks.size());
    item(html, "requests", "HTTP requests", Html.count(requests));
    item(html, "http-bytes", "HTTP bytes", Html.bytes(httpBytes));
    item(html, "retries", "retries", Html.count(retries));
    item(
        html,
        "waits",
        "rate-limit waits",
        Html.count(waits) + " (" + Html.duration(waitMillis) + ")");
    item(html, "stages", "stages", String.valueOf(snapshot.stages().size()));
    html.append("</dl>");
  }

  private static void item(StringBuilder html, String id, String name, String value) {
    html.append("<dt>")
        .append(Html.escape(name))
        .append("</dt><dd id=\"")
        .append(id)
        .append("\">")
        .append(Html.escape(value))
        .append("</dd>");
  }

  private static String legend() {
    StringBuilder out = new StringBuilder("<div id=\"legend\" class=\"legend\">");
    String[][] keys = {
      {"query", "whole query (planning included)"},
      {"finished", "finished"},
      {"running", "running"},
      {"stopped", "stopped early (LIMIT, result closed)"},
      {"cancelled", "cancelled"},
      {"failed", "failed"},
    };
    for (String[] key : keys) {
      out.append("<span class=\"item\"><span class=\"key ")
          .append(key[0])
          .append("\"></span>")
          .append(key[1])
          .append("</span>");
    }
    return out.append(
            "<span class=\"item muted\">lanes: <b>local</b> = the coordinator's own threads,"
                + " <b>worker</b> = a Flight worker</span></div>")
        .toString();
  }

  private static String seriesLegend(List<RequestSeries.Point> points) {
    List<String> tables = RequestChart.tables(points);
    Map<String, Long> last = points.get(points.size() - 1).requests();
    StringBuilder out = new StringBuilder("<div id=\"requests-legend\" class=\"legend\">");
    for (int t = 0; t < tables.size(); t++) {
      out.append("<span class=\"item\"><span class=\"key\" style=\"background:")
          .append(RequestChart.COLORS[t % RequestChart.COLORS.length])
          .append("\"></span>")
          .append(Html.escape(tables.get(t)))
          .append(": ")
          .append(Html.counted(last.getOrDefault(tables.get(t), 0L), "request"))
          .append("</span>");
    }
    return out.append("</div>").toString();
  }

  /** The API's view per table: requests, bytes, retries, waits, errors summed over its tasks. */
  private static void tables(StringBuilder html, List<StageSnapshot> stages) {
    Map<String, long[]> byTable = new LinkedHashMap<>();
    for (StageSnapshot stage : stages) {
      long[] sums = byTable.computeIfAbsent(RequestSeries.table(stage.scan()), k -> new long[7]);
      for (TaskMetricsSnapshot t : stage.tasks()) {
        sums[0]++;
        sums[1] += t.httpRequests();
        sums[2] += t.httpBytes();
        sums[3] += t.retries();
        sums[4] += t.rateLimitWaits();
        sums[5] += t.rateLimitWaitMillis();
        sums[6] += t.cacheHits();
      }
    }
    html.append("<table id=\"tables\"><thead><tr><th>table</th><th class=\"n\">tasks</th>")
        .append("<th class=\"n\">requests</th><th class=\"n\">HTTP bytes</th>")
        .append("<th class=\"n\">retries</th><th class=\"n\">waits</th>")
        .append("<th class=\"n\">waited</th><th class=\"n\">cache hits</th></tr></thead><tbody>");
    for (Map.Entry<String, long[]> entry : byTable.entrySet()) {
      long[] s = entry.getValue();
      html.append("<tr><td>")
          .append(Html.escape(entry.getKey()))
          .append("</td>")
          .append(n(Html.count(s[0])))
          .append(n(Html.count(s[1])))
          .append(n(Html.bytes(s[2])))
          .append(n(Html.count(s[3])))
          .append(n(Html.count(s[4])))
          .append(n(Html.duration(s[5])))
          .append(n(Html.count(s[6])))
          .append("</tr>");
    }
    html.append("</tbody></table>");
  }

  private static void taskTable(StringBuilder html, List<TaskMetricsSnapshot> tasks) {
    html.append("<table id=\"tasks\"><thead><tr><th>stage</th><th>task</th><th>slice</th>")
        .append("<th>where</th><th>state</th><th class=\"n\">attempts</th>")
        .append("<th class=\"n\">start</th><th class=\"n\">elapsed</th>")
        .append("<th class=\"n\">first batch</th><th class=\"n\">rows read</th>")
        .append("<th class=\"n\">rows out</th><th class=\"n\">batches</th>")
        .append("<th class=\"n\">Arrow bytes</th><th class=\"n\">requests</th>")
        .append("<th class=\"n\">HTTP bytes</th><th class=\"n\">retries</th>")
        .append("<th class=\"n\">waits</th><th class=\"n\">waited</th>")
        .append("<th class=\"n\">cache hits</th><th class=\"n\">peak memory</th>")
        .append("<th>notes</th><th>error</th></tr></thead><tbody>");
    long[] total = new long[9];
    for (TaskMetricsSnapshot t : tasks) {
      html.append("<tr class=\"task state-")
          .append(t.state().toLowerCase(Locale.ROOT))
          .append("\"><td>")
          .append(t.stage())
          .append("</td><td>t")
          .append(t.task())
          .append("</td><td>")
          .append(Html.escape(t.slice()))
          .append("</td><td>")
          .append(Html.escape(t.startOffsetMillis() < 0 ? "-" : TaskChart.lane(t)))
          .append("</td><td><span class=\"key ")
          .append(t.state().toLowerCase(Locale.ROOT))
          .append("\"></span>")
          .append(t.state())
          .append("</td>")
          .append(n(String.valueOf(t.attempts())))
          .append(n(t.startOffsetMillis() < 0 ? "-" : Html.duration(t.startOffsetMillis())))
          .append(n(Html.duration(t.elapsedMillis())))
          .append(n(t.firstBatchMillis() < 0 ? "-" : Html.duration(t.firstBatchMillis())))
          .append(n(Html.count(t.rowsIn())))
          .append(n(Html.count(t.rows())))
          .append(n(Html.count(t.batches())))
          .append(n(Html.bytes(t.arrowBytes())))
          .append(n(Html.count(t.httpRequests())))
          .append(n(Html.bytes(t.httpBytes())))
          .append(n(Html.count(t.retries())))
          .append(n(Html.count(t.rateLimitWaits())))
          .append(n(Html.duration(t.rateLimitWaitMillis())))
          .append(n(Html.count(t.cacheHits())))
          .append(n(Html.bytes(t.peakMemory())))
          .append("<td class=\"notes\">")
          .append(Html.escape(String.join("\n", t.notes())))
          .append("</td><td class=\"err\">")
          .append(Html.escape(t.error()))
          .append("</td></tr>");
      long[] add = {
        t.rowsIn(),
        t.rows(),
        t.batches(),
        t.arrowBytes(),
        t.httpRequests(),
        t.httpBytes(),
        t.retries(),
        t.rateLimitWaits(),
        t.rateLimitWaitMillis()
      };
      for (int i = 0; i < total.length; i++) {
        total[i] += add[i];
      }
    }
    html.append("</tbody><tfoot><tr id=\"totals\"><td colspan=\"9\">all ")
        .append(tasks.size())
        .append(tasks.size() == 1 ? " task" : " tasks")
        .append("</td>")
        .append(n(Html.count(total[0])))
        .append(n(Html.count(total[1])))
        .append(n(Html.count(total[2])))
        .append(n(Html.bytes(total[3])))
        .append(n(Html.count(total[4])))
        .append(n(Html.bytes(total[5])))
        .append(n(Html.count(total[6])))
        .append(n(Html.count(total[7])))
        .append(n(Html.duration(total[8])))
        .append("<td colspan=\"4\"></td></tr></tfoot></table>");
  }

  private static String n(String value) {
    return "<td class=\"n\">" + Html.escape(value) + "</td>";
  }

  private static boolean isDone(String state) {
    return !state.equals(TaskState.PENDING.name()) && !state.equals(TaskState.RUNNING.name());
  }

  private static String badge(QueryState state, boolean id) {
    String name = state.name().toLowerCase(Locale.ROOT);
    return "<span"
        + (id ? " id=\"state\"" : "")
        + " class=\"badge "
        + name
        + "\">"
        + state.name()
        + "</span>";
  }

  private static String live(String what) {
    return "<p id=\"live\" class=\"live\">Live: "
        + what
        + "; this page reloads every "
        + (REFRESH_SECONDS == 1 ? "second" : REFRESH_SECONDS + " seconds")
        + " until it ends.</p>";
  }

  private static StringBuilder head(String title, boolean refresh) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    if (refresh) {
      // A reload, not a script: the page's Content-Security-Policy allows no script at all.
      html.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">");
    }
    return html.append("<meta name=\"viewport\" content=\"width=device-width\"><title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>");
  }
}
