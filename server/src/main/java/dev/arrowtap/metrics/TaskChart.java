package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a query's tasks as an SVG Gantt chart: a time axis with ticks, the whole query's bar, then
 * each stage under a heading with one lane per place its tasks ran (the coordinator's own threads
 * or a worker), tasks that overlapped in a lane on rows of their own.
 */
final class TaskChart {
  static final int WIDTH = 1100;
  static final int LABEL = 230;
  static final int RIGHT = 24;
  private static final int AXIS = 30;
  private static final int ROW = 22;
  private static final int BAR = 16;
  private static final int HEADING = 26;

  private TaskChart() {}

  /** The milliseconds the chart spans: the query's and every task's end, whichever is latest. */
  static long span(QueryMetrics query, List<StageSnapshot> stages) {
    long span = Math.max(1, query.elapsedMillis());
    for (StageSnapshot stage : stages) {
      for (TaskMetricsSnapshot task : stage.tasks()) {
        if (task.startOffsetMillis() >= 0) {
          span = Math.max(span, task.startOffsetMillis() + task.elapsedMillis());
        }
      }
    }
    return span;
  }

  static double x(long millis, long span) {
    return LABEL + millis * (WIDTH - LABEL - RIGHT) / (double) span;
  }

  static String render(QueryMetrics query, List<StageSnapshot> stages, long span) {
    StringBuilder body = new StringBuilder();
    int y = AXIS;
    boolean running = query.state() == QueryState.RUNNING;
    // The whole query first: the gap before the first task is planning and queueing.
    body.append(label(4, y + 15, "query", "lane"))
        .append(
            String.format(
                Locale.ROOT,
                "<rect class=\"bar query%s\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\">"
                    + "<title>%s</title></rect>",
                running ? " live" : "",
                LABEL,
                y + 3,
                Html.num(Math.max(2, x(query.elapsedMillis(), span) - LABEL)),
                BAR,
                Html.escape(
                    "the whole query, planning included: "
                        + Html.duration(query.elapsedMillis())
                        + (running ? " so far" : ""))));
    y += ROW;
    for (StageSnapshot stage : stages) {
      y = stage(body, stage, span, y);
    }
    int height = y + 8;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg id=\"timeline\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    + " height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                    + " aria-label=\"tasks over time\">",
                WIDTH,
                height,
                WIDTH,
                height))
        .append(axis(span, AXIS - 6, height - 4));
    svg.append(body);
    if (running) {
      double now = x(query.elapsedMillis(), span);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"now\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\"><title>now</title>"
                  + "</line>",
              Html.num(now),
              Html.num(now),
              AXIS - 6,
              height - 4));
    }
    return svg.append("</svg>").toString();
  }

  /** The time axis: tick labels at the top and a grid line down the chart per tick. */
  static String axis(long span, int top, int bottom) {
    long step = Html.step(span, 8);
    StringBuilder out = new StringBuilder("<g class=\"axis\">");
    out.append(
        String.format(
            Locale.ROOT,
            "<line class=\"baseline\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
            LABEL,
            WIDTH - RIGHT,
            top,
            top));
    for (long t = 0; t <= span; t += step) {
      String x = Html.num(x(t, span));
      out.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\"/>",
                  x,
                  x,
                  top,
                  bottom))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                  x,
                  top - 6,
                  t == 0 ? "start" : "middle",
                  Html.escape(Html.tick(t, step))));
    }
    return out.append("</g>").toString();
  }

  private static int stage(StringBuilder body, StageSnapshot stage, long span, int y) {
    List<TaskMetricsSnapshot> started = new ArrayList<>();
    int waiting = 0;
    for (TaskMetricsSnapshot task : stage.tasks()) {
      if (task.startOffsetMillis() < 0) {
        waiting++;
      } else {
        started.add(task);
      }
    }
    String heading =
        "Stage "
            + stage.stage()
            + " · "
            + stage.scan()
            + " — "
            + stage.tasks().size()
            + (stage.tasks().size() == 1 ? " task, " : " tasks, ")
            + Html.count(stage.rowsIn())
            + " rows read, "
            + Html.counted(stage.httpRequests(), "request")
            + (waiting == 0 ? "" : ", " + waiting + " not started");
    body.append(
            String.format(
                Locale.ROOT,
                "<g class=\"stage\" data-stage=\"%d\"><rect class=\"band\" x=\"0\" y=\"%d\""
                    + " width=\"%d\" height=\"%d\"/>",
                stage.stage(),
                y + 2,
                WIDTH,
                HEADING - 4))
        .append(label(6, y + 17, Html.shorten(heading, 150), "heading"));
    y += HEADING;
    Map<String, List<TaskMetricsSnapshot>> lanes = new LinkedHashMap<>();
    started.sort(Comparator.comparingLong(TaskMetricsSnapshot::startOffsetMillis));
    for (TaskMetricsSnapshot task : started) {
      lanes.computeIfAbsent(lane(task), k -> new ArrayList<>()).add(task);
    }
    for (Map.Entry<String, List<TaskMetricsSnapshot>> lane : lanes.entrySet()) {
      y = lane(body, lane.getKey(), lane.getValue(), span, y);
    }
    body.append("</g>");
    return y + 4;
  }

  /** Where a task ran: {@code local} (the coordinator's threads) or a worker's address. */
  static String lane(TaskMetricsSnapshot task) {
    return task.worker() == null || task.worker().equals("local")
        ? "local"
        : "worker " + task.worker();
  }

  private static int lane(
      StringBuilder body, String name, List<TaskMetricsSnapshot> tasks, long span, int y) {
    // Tasks of one lane that overlap in time go on rows of their own, first fit.
    List<Long> rowEnds = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    for (TaskMetricsSnapshot task : tasks) {
      long start = task.startOffsetMillis();
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > start) {
        row++;
      }
      if (row == rowEnds.size()) {
        rowEnds.add(0L);
      }
      rowEnds.set(row, start + Math.max(1, task.elapsedMillis()));
      rowOf.add(row);
    }
    body.append(
            String.format(
                Locale.ROOT,
                "<g class=\"lane\" data-lane=\"%s\"><line class=\"lane-rule\" x1=\"0\" x2=\"%d\""
                    + " y1=\"%d\" y2=\"%d\"/>",
                Html.escape(name),
                WIDTH,
                y,
                y))
        .append(label(16, y + 15, Html.shorten(name, 34), "lane-name"));
    for (int i = 0; i < tasks.size(); i++) {
      TaskMetricsSnapshot task = tasks.get(i);
      int top = y + rowOf.get(i) * ROW + 3;
      double x = x(task.startOffsetMillis(), span);
      double w = Math.max(2, x(task.startOffsetMillis() + task.elapsedMillis(), span) - x);
      String state = task.state().toLowerCase(Locale.ROOT);
      body.append(
              String.format(
                  Locale.ROOT,
                  "<rect class=\"bar task %s\" data-task=\"%d\" x=\"%s\" y=\"%d\" width=\"%s\""
                      + " height=\"%d\"><title>%s</title></rect>",
                  state,
                  task.task(),
                  Html.num(x),
                  top,
                  Html.num(w),
                  BAR,
                  Html.escape(tooltip(task))))
          .append(
              w >= 26
                  ? String.format(
                      Locale.ROOT,
                      "<text class=\"bar-label\" x=\"%s\" y=\"%d\">t%d</text>",
                      Html.num(x + 4),
                      top + 12,
                      task.task())
                  : "");
    }
    body.append("</g>");
    return y + Math.max(1, rowEnds.size()) * ROW;
  }

  private static String label(int x, int y, String text, String cssClass) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%d\" y=\"%d\">%s</text>",
        cssClass,
        x,
        y,
        Html.escape(text));
  }

  static String tooltip(TaskMetricsSnapshot t) {
    return "stage "
        + t.stage()
        + " task t"
        + t.task()
        + " ("
        + t.slice()
        + ") on "
        + lane(t)
        + ": "
        + t.state()
        + ", "
        + Html.count(t.rowsIn())
        + " rows read, "
        + Html.count(t.httpRequests())
        + " requests, "
        + Html.duration(t.elapsedMillis())
        + (t.error() == null ? "" : " — " + t.error());
  }
}
