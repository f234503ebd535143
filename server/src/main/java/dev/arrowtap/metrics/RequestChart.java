package dev.arrowtap.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a query's HTTP requests per second over time, one line per table: how the query looked from
 * the API's side. The time axis matches the task chart's, so the two line up.
 */
final class RequestChart {
  private static final int HEIGHT = 170;
  private static final int TOP = 30;
  private static final int PLOT = 110;
  static final String[] COLORS = {
    "#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2", "#ca8a04", "#4b5563"
  };

  private RequestChart() {}

  /** The tables in the order they first appear, each with its color's index. */
  static List<String> tables(List<RequestSeries.Point> points) {
    Set<String> tables = new LinkedHashSet<>();
    for (RequestSeries.Point point : points) {
      tables.addAll(point.requests().keySet());
    }
    return new ArrayList<>(tables);
  }

  static String render(List<RequestSeries.Point> points, long span) {
    List<String> tables = tables(points);
    // Requests per second between consecutive points, per table, as steps.
    double max = 0;
    List<double[]> rates = new ArrayList<>();
    for (String table : tables) {
      double[] rate = new double[points.size()];
      long previousAt = 0;
      long previous = 0;
      for (int i = 0; i < points.size(); i++) {
        RequestSeries.Point point = points.get(i);
        long now = point.requests().getOrDefault(table, 0L);
        long dt = Math.max(1, point.offsetMillis() - previousAt);
        rate[i] = (now - previous) * 1000.0 / dt;
        max = Math.max(max, rate[i]);
        previous = now;
        previousAt = point.offsetMillis();
      }
      rates.add(rate);
    }
    long top = Math.max(1, (long) Math.ceil(max));
    long yStep = Html.step(top, 4);
    top = (top + yStep - 1) / yStep * yStep;
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg id=\"requests\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    + " height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                    + " aria-label=\"requests per second over time, per table\">",
                TaskChart.WIDTH,
                HEIGHT,
                TaskChart.WIDTH,
                HEIGHT));
    svg.append(TaskChart.axis(span, TOP - 6, TOP + PLOT));
    for (long r = 0; r <= top; r += yStep) {
      double y = y((double) r, top);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\"/>",
                  TaskChart.LABEL,
                  TaskChart.WIDTH - TaskChart.RIGHT,
                  Html.num(y),
                  Html.num(y)))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text class=\"tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%d/s</text>",
                  TaskChart.LABEL - 6,
                  Html.num(y + 4),
                  r));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text class=\"lane-name\" x=\"4\" y=\"%d\">requests per second</text>",
            TOP + PLOT / 2));
    for (int t = 0; t < tables.size(); t++) {
      double[] rate = rates.get(t);
      StringBuilder line = new StringBuilder();
      long at = 0;
      for (int i = 0; i < points.size(); i++) {
        long end = points.get(i).offsetMillis();
        String y = Html.num(y(rate[i], top));
        line.append(Html.num(TaskChart.x(at, span)))
            .append(',')
            .append(y)
            .append(' ')
            .append(Html.num(TaskChart.x(Math.max(at, end), span)))
            .append(',')
            .append(y)
            .append(' ');
        at = end;
      }
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<polyline class=\"series\" data-table=\"%s\" stroke=\"%s\" points=\"%s\">",
                  Html.escape(tables.get(t)),
                  COLORS[t % COLORS.length],
                  line.toString().strip()))
          .append("<title>")
          .append(Html.escape(tables.get(t)))
          .append("</title></polyline>");
    }
    return svg.append("</svg>").toString();
  }

  private static double y(double rate, long top) {
    return TOP + PLOT - rate * PLOT / top;
  }
}
