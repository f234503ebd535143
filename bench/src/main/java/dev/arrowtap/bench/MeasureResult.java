package dev.arrowtap.bench;

import java.util.Optional;

/**
 * One measure's outcome in a run of the suite: its findings, or why it failed.
 *
 * @param number the measure's number in the issue (1 to 8)
 * @param title a short title
 * @param findings the figures, when the measure ran to the end
 * @param load the load average when the measure started
 * @param seconds how long the measure took
 * @param error why the measure failed, or empty
 */
public record MeasureResult(
    int number,
    String title,
    Optional<Findings> findings,
    String load,
    double seconds,
    String error) {
  public MeasureResult {
    if (findings.isPresent() == !error.isEmpty()) {
      throw new IllegalArgumentException("a result has either findings or an error");
    }
  }

  public boolean failed() {
    return findings.isEmpty();
  }
}
