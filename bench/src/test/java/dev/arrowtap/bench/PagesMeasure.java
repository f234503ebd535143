package dev.arrowtap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measure 4: a slow paged API read with pages requested concurrently, against the ideal of the
 * first page alone and then the rest {@code concurrency} at a time (PagesBenchmark's setup).
 */
final class PagesMeasure implements Measure {
  static final int CONCURRENCY = 8;

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String title() {
    return "Pages at once from a slow API, against the ideal";
  }

  @Override
  public String id() {
    return "pages";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int pages = mode.pages();
    int delay = mode.pageDelayMillis();
    double ideal = delay + (pages - 1) * (double) delay / CONCURRENCY;
    List<String> tables = List.of("concurrent", "no_total");
    List<String> labels = List.of("with total_pointer", "without a total");
    try (PagedApi api = new PagedApi(pages, delay);
        PagesBenchmark.Reader reader =
            new PagesBenchmark.Reader(api, context.dir(), CONCURRENCY, delay)) {
      if (reader.sequentialRows() != pages * PagedApi.PAGE_SIZE) {
        throw new IllegalStateException("the sequential scan read " + reader.sequentialRows());
      }
      List<List<Double>> millis = List.of(new ArrayList<>(), new ArrayList<>());
      int[] atOnce = new int[tables.size()];
      for (int round = 0; round < mode.warmups() + mode.rounds(); round++) {
        StringBuilder line = new StringBuilder(round < mode.warmups() ? "  warm-up" : "  round");
        for (int t = 0; t < tables.size(); t++) {
          PagesBenchmark.Scan scan = reader.scan(tables.get(t));
          if (!scan.sameRows()) {
            throw new IllegalStateException(
                tables.get(t) + ": rows differ from the one-page-at-a-time scan");
          }
          if (round >= mode.warmups()) {
            millis.get(t).add(scan.millis() / 1000);
            atOnce[t] = Math.max(atOnce[t], scan.requestsAtOnce());
          }
          line.append(String.format(Locale.ROOT, " | %s %.0f ms", labels.get(t), scan.millis()));
        }
        context.log(line.toString());
      }
      List<List<String>> rows = new ArrayList<>();
      List<Ratio> ratios = new ArrayList<>();
      for (int t = 0; t < tables.size(); t++) {
        Timing timing = new Timing(labels.get(t), millis.get(t), millis.get(t));
        double idealSeconds = ideal / 1000;
        rows.add(
            List.of(
                labels.get(t),
                TimingTable.seconds(timing.median()),
                TimingTable.seconds(timing.best()),
                TimingTable.seconds(idealSeconds),
                TimingTable.ratio(idealSeconds / timing.median()),
                TimingTable.ratio(idealSeconds / timing.best()),
                Integer.toString(atOnce[t])));
        ratios.add(
            new Ratio(
                "pages " + labels.get(t) + ": ideal / measured",
                idealSeconds / timing.median(),
                idealSeconds / timing.best(),
                Double.NaN,
                ">= 0.8 (within 1.25 x the ideal)",
                true));
      }
      String method =
          String.format(
              Locale.ROOT,
              "%d pages of %d rows, each answered after %d ms by a JDK HTTP server on loopback,"
                  + " read through the embedded driver with `concurrency: %d` (statements"
                  + " prepared once, so the figure is the scan's, not the planner's). The ideal is"
                  + " the first page alone, then the rest concurrency at a time: delay + (pages - 1)"
                  + " x delay / concurrency = %.0f ms. Every scan's rows are checked against"
                  + " a one-page-at-a-time scan. %d warm-up and %d measured rounds. Also:"
                  + " `bench/pages.sh`.",
              pages,
              PagedApi.PAGE_SIZE,
              delay,
              CONCURRENCY,
              ideal,
              mode.warmups(),
              mode.rounds());
      return new Findings(
          method,
          List.of(
              "feed",
              "wall, median",
              "wall, best",
              "ideal",
              "ideal / median",
              "ideal / best",
              "requests at once, most"),
          rows,
          ratios,
          List.of(
              String.format(
                  Locale.ROOT,
                  "The first page goes alone, then pages go out in windows of %d, so the floor is"
                      + " (1 + ceil(%d / %d)) x %d ms = %d ms (ideal / floor = %.2f); the rest is"
                      + " the query's own start and taking each window's pages in order.",
                  CONCURRENCY,
                  pages - 1,
                  CONCURRENCY,
                  delay,
                  floor(pages, delay),
                  ideal / floor(pages, delay))));
    }
  }

  private static long floor(int pages, int delay) {
    return (1 + (long) Math.ceil((pages - 1) / (double) CONCURRENCY)) * delay;
  }
}
