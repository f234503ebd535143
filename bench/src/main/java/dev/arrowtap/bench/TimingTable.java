package dev.arrowtap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The usual table of a timed measure: one line per contestant, ratios to a peer. */
final class TimingTable {
  static final List<String> HEADER =
      List.of(
          "path",
          "wall, median",
          "wall, best",
          "rows/s, median",
          "CPU, median",
          "ratio (median)",
          "ratio (best)",
          "ratio (CPU)");

  private TimingTable() {}

  /** A line per timing; ratios are the peer's time over this line's (above 1: faster). */
  static List<List<String>> rows(List<Timing> timings, Timing peer, long rows, boolean cpuRatio) {
    List<List<String>> table = new ArrayList<>();
    for (Timing t : timings) {
      table.add(
          List.of(
              t.label(),
              seconds(t.median()),
              seconds(t.best()),
              perSecond(rows / t.median()),
              seconds(t.cpuMedian()),
              ratio(peer.median() / t.median()),
              ratio(peer.best() / t.best()),
              cpuRatio ? ratio(peer.cpuMedian() / t.cpuMedian()) : "-"));
    }
    return table;
  }

  static String seconds(double s) {
    return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : fixed(s, 2) + " s";
  }

  static String millis(double ms) {
    return ms < 10 ? fixed(ms, 2) + " ms" : fixed(ms, 0) + " ms";
  }

  static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "-";
    }
    return r < 0.1 ? fixed(r, 3) : fixed(r, 2);
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String perSecond(double value) {
    if (value >= 1e6) {
      return fixed(value / 1e6, 2) + " M";
    }
    return value >= 1e3 ? fixed(value / 1e3, 1) + " k" : fixed(value, 0);
  }

  static String bytes(long value) {
    return bytes((double) value);
  }

  static String bytes(double value) {
    if (value >= 1 << 30) {
      return fixed(value / (1 << 30), 2) + " GiB";
    }
    return value >= 1 << 20
        ? fixed(value / (1 << 20), 1) + " MiB"
        : fixed(value / 1024, 0) + " KiB";
  }
}
