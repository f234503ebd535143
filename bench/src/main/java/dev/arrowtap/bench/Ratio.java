package dev.arrowtap.bench;

/**
 * A headline figure of a measure: arrowtap against its peer (or an ideal), oriented so that above
 * 1.0 means arrowtap is faster (or leaner); {@code NaN} where a statistic does not apply.
 *
 * @param label what is compared, e.g. "embedded / DuckDB"
 * @param median the ratio of the medians of the rounds
 * @param best the ratio of the best rounds
 * @param cpu the ratio of the medians of process CPU time
 * @param goal the goal for this ratio, or empty
 * @param charted whether the chart shows it (a speed ratio; not, say, a memory figure)
 */
public record Ratio(
    String label, double median, double best, double cpu, String goal, boolean charted) {
  public Ratio {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a ratio needs a label");
    }
    goal = goal == null ? "" : goal;
  }

  /** Peer over arrowtap, from wall and CPU seconds (smaller time is faster). */
  public static Ratio ofTimes(
      String label, Timing arrowtap, Timing peer, boolean cpu, String goal) {
    return new Ratio(
        label,
        peer.median() / arrowtap.median(),
        peer.best() / arrowtap.best(),
        cpu ? peer.cpuMedian() / arrowtap.cpuMedian() : Double.NaN,
        goal,
        true);
  }

  /** The goal as a number when it reads {@code >= x}; else NaN. */
  public double target() {
    return goal.startsWith(">= ")
        ? Double.parseDouble(goal.substring(3).split(" ", 2)[0])
        : Double.NaN;
  }

  /** Whether the median meets the goal: "met", "x4.2 to go", or "-" without a numeric goal. */
  public String againstGoal() {
    double target = target();
    if (Double.isNaN(target) || Double.isNaN(median)) {
      return "-";
    }
    return median >= target
        ? "met"
        : String.format(java.util.Locale.ROOT, "not met: x%.1f to go", target / median);
  }
}
