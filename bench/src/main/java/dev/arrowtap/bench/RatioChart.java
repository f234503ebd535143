package dev.arrowtap.bench;

import java.util.List;
import java.util.Locale;

/**
 * An SVG bar chart of the suite's ratios on a log scale around 1.0: bars to the right where
 * arrowtap is faster than its peer, to the left where it is slower. Small and dependency-free, so
 * that the chart is regenerated with the figures and diffs as text.
 */
final class RatioChart {
  private static final int WIDTH = 820;
  private static final int LABEL_WIDTH = 390;
  private static final int PLOT_WIDTH = 360;
  private static final int ROW = 24;
  private static final int TOP = 46;
  private static final int BOTTOM = 34;

  /** One bar: what it compares and the ratio (median of the rounds). */
  record Bar(String label, double ratio) {}

  private RatioChart() {}

  static String svg(String title, List<Bar> bars) {
    double min = 1;
    double max = 1;
    for (Bar bar : bars) {
      if (bar.ratio() > 0 && Double.isFinite(bar.ratio())) {
        min = Math.min(min, bar.ratio());
        max = Math.max(max, bar.ratio());
      }
    }
    int low = (int) Math.floor(Math.log10(min) - 1e-9);
    int high = (int) Math.ceil(Math.log10(max) + 1e-9);
    low = Math.min(low, -1);
    high = Math.max(high, 1);
    int height = TOP + ROW * bars.size() + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
    svg.append(text(10, 20, "start", "font-size=\"14\" font-weight=\"bold\"", title));
    svg.append(
        text(
            10,
            36,
            "start",
            "fill=\"#555\"",
            "ratio arrowtap / peer, log scale: right of 1.0 arrowtap is faster, left slower"));
    double plotBottom = TOP + ROW * bars.size();
    for (int decade = low; decade <= high; decade++) {
      double x = x(Math.pow(10, decade), low, high);
      String stroke = decade == 0 ? "#333" : "#ddd";
      svg.append(line(x, TOP - 4, x, plotBottom + 4, stroke));
      svg.append(text(x, plotBottom + 18, "middle", "fill=\"#555\"", tick(decade)));
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = TOP + ROW * i;
      svg.append(text(LABEL_WIDTH - 8, y + 16, "end", "", bar.label()));
      if (!(bar.ratio() > 0) || !Double.isFinite(bar.ratio())) {
        svg.append(text(x(1, low, high) + 6, y + 16, "start", "fill=\"#999\"", "no figure"));
        continue;
      }
      double one = x(1, low, high);
      double end = x(bar.ratio(), low, high);
      String fill = bar.ratio() >= 1 ? "#2e7d32" : "#e65100";
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
              Math.min(one, end),
              y + 4,
              Math.max(1, Math.abs(end - one)),
              ROW - 8,
              fill));
      String value = String.format(Locale.ROOT, bar.ratio() < 0.1 ? "%.3f" : "%.2f", bar.ratio());
      boolean right = bar.ratio() >= 1;
      svg.append(text(right ? end + 4 : end - 4, y + 16, right ? "start" : "end", "", value));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double x(double ratio, int low, int high) {
    double fraction = (Math.log10(ratio) - low) / (high - low);
    return LABEL_WIDTH + 40 + PLOT_WIDTH * Math.max(0, Math.min(1, fraction));
  }

  private static String tick(int decade) {
    return decade >= 0
        ? String.format(Locale.ROOT, "%.0f", Math.pow(10, decade))
        : String.format(Locale.ROOT, "%." + -decade + "f", Math.pow(10, decade));
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        stroke);
  }

  private static String text(double x, double y, String anchor, String style, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
        x,
        y,
        anchor,
        style,
        escape(content));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
