package dev.arrowtap.catalog;

/**
 * How one scan of a feed may be cut into tasks that run side by side, as declared under {@code
 * split:} in the catalog.
 *
 * @param pagesPerTask the fewest pages a page-range task reads: a feed whose first page tells how
 *     many pages there are becomes at most {@code pages / pagesPerTask} tasks (and no more than
 *     there are workers)
 */
public record SplitDef(int pagesPerTask) {
  /** The default: a task for every ten pages, up to one per worker. */
  public static final SplitDef DEFAULTS = new SplitDef(10);

  /** The most pages one task may be asked to read at least. */
  public static final int MAX_PAGES_PER_TASK = 1_000_000;

  public SplitDef {
    if (pagesPerTask < 1 || pagesPerTask > MAX_PAGES_PER_TASK) {
      throw new IllegalArgumentException(
          "pages_per_task must be between 1 and " + MAX_PAGES_PER_TASK + ": " + pagesPerTask);
    }
  }
}
