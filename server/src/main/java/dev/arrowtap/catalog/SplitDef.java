package dev.arrowtap.catalog;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one scan of a feed may be cut into tasks that run side by side, as declared under {@code
 * split:} in the catalog.
 *
 * @param pagesPerTask the fewest pages a page-range task reads: a feed whose first page tells how
 *     many pages there are becomes at most {@code pages / pagesPerTask} tasks (and no more than
 *     there are workers)
 * @param column the column whose range filters cut one walk of the feed into windows, or empty
 * @param step each window's width: a number ({@code 10000}) for a numeric column, a duration
 *     ({@code 1d}, {@code 6h}, {@code 30m}, {@code 15s}) for a DATE or TIMESTAMP column
 * @param from where the windows start when the query gives no lower bound, or empty
 * @param to where they end when the query gives no upper bound, or empty
 */
public record SplitDef(
    int pagesPerTask,
    Optional<String> column,
    Optional<String> step,
    Optional<String> from,
    Optional<String> to) {
  /** The default: a task for every ten pages, up to one per worker. */
  public static final SplitDef DEFAULTS = new SplitDef(10);

  /** The most pages one task may be asked to read at least. */
  public static final int MAX_PAGES_PER_TASK = 1_000_000;

  private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*(d|h|m|s)");

  public SplitDef {
    if (pagesPerTask < 1 || pagesPerTask > MAX_PAGES_PER_TASK) {
      throw new IllegalArgumentException(
          "pages_per_task must be between 1 and " + MAX_PAGES_PER_TASK + ": " + pagesPerTask);
    }
    if (column.isPresent() != step.isPresent()) {
      throw new IllegalArgumentException("column and step go together: name both or neither");
    }
    if (column.isEmpty() && (from.isPresent() || to.isPresent())) {
      throw new IllegalArgumentException("from and to need a column and a step");
    }
    step.ifPresent(
        s -> {
          if (!DURATION.matcher(s).matches() && !positiveNumber(s)) {
            throw new IllegalArgumentException(
                "step must be a positive number (10000) or a duration (1d, 6h, 30m, 15s): " + s);
          }
        });
  }

  /** Page ranges only, with at least {@code pagesPerTask} pages each. */
  public SplitDef(int pagesPerTask) {
    this(pagesPerTask, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** True when the step is a duration such as {@code 1d}, false when it is a number. */
  public boolean durationStep() {
    return step.map(s -> DURATION.matcher(s).matches()).orElse(false);
  }

  private static boolean positiveNumber(String text) {
    try {
      return new BigDecimal(text).signum() > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
