package dev.arrowtap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code bench/run}: runs every measure of issue 12 in one process and writes the generated part of
 * {@code docs/benchmarks.md} and its chart. Arguments: {@code [--short|--medium|--full] [--only
 * id,id] [--out FILE.md] [--command TEXT]}.
 */
public final class BenchSuite {
  /** Every measure, in the order. */
  public static List<Measure> measures() {
    return List.of(
        new DecodeMeasure(),
        new GroupByMeasure(),
        new FetchMeasure(),
        new PagesMeasure(),
        new BigFeedMeasure(),
        new FirstRowMeasure(),
        new NumbersMeasure(),
        new TrivialMeasure(),
        new FlightSqlFetchMeasure());
  }

  /** Held so that its level stays set (loggers are weakly referenced). */
  private static final Logger ENGINE_LOG = Logger.getLogger("dev.arrowtap");

  private BenchSuite() {}

  /** What a run produced. */
  public record Report(RunInfo run, List<MeasureResult> results, String markdown, String svg) {
    public Report {
      results = List.copyOf(results);
    }

    public boolean failed() {
      return results.stream().anyMatch(MeasureResult::failed);
    }
  }

  public static void main(String[] args) throws Exception {
    Mode mode = Mode.FULL;
    Path out = Path.of("docs/benchmarks.md");
    Set<String> only = Set.of();
    String command = "bench/run";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--short", "--medium", "--full" -> mode = Mode.named(args[i]);
        case "--only" -> only = Set.of(args[++i].split(",", -1));
        case "--out" -> out = Path.of(args[++i]);
        case "--command" -> command = args[++i];
        default -> {
          System.err.println("bench/run: unknown argument " + args[i]);
          System.err.println(
              "usage: bench/run [--short|--medium|--full] [--only id,...] [--out FILE.md]");
          System.exit(2);
        }
      }
    }
    Report report = run(mode, only, command, out, System.err::println);
    System.err.println("bench/run: wrote " + out + " and " + chartPath(out));
    System.exit(report.failed() ? 1 : 0);
  }

  /** The chart beside the markdown: {@code docs/benchmarks.md} -> {@code docs/benchmarks.svg}. */
  public static Path chartPath(Path markdown) {
    String name = markdown.getFileName().toString().replaceFirst("\\.md$", "") + ".svg";
    return markdown.resolveSibling(name);
  }

  /** Runs the measures (all, or those named) and writes the report and its chart. */
  public static Report run(
      Mode mode, Set<String> only, String command, Path out, Consumer<String> log)
      throws Exception {
    // Workers and tasks log each task at INFO: the progress lines are what the run shows.
    ENGINE_LOG.setLevel(Level.SEVERE);
    List<Measure> chosen = choose(only);
    Instant started = Instant.now();
    String loadAtStart = Machine.loadAverage();
    log.accept(
        "bench/run: " + mode.name() + " mode, " + chosen.size() + " measures, load " + loadAtStart);
    List<MeasureResult> results = new ArrayList<>();
    try (BenchContext context = new BenchContext(log)) {
      for (Measure measure : chosen) {
        results.add(runOne(measure, mode, context));
      }
    }
    RunInfo run =
        new RunInfo(
            mode,
            command,
            started,
            Duration.between(started, Instant.now()),
            Machine.current(),
            loadAtStart,
            Machine.loadAverage(),
            System.getProperty("bench.commit", "unknown"),
            Peers.describe());
    Path chart = chartPath(out);
    String markdown = MarkdownReport.render(run, results, chart.getFileName().toString());
    String svg =
        RatioChart.svg("arrowtap against its peers (" + mode.name() + " mode)", bars(results));
    ReportFile.write(out, markdown);
    Files.writeString(chart, svg);
    return new Report(run, results, markdown, svg);
  }

  private static List<Measure> choose(Set<String> only) {
    if (only.isEmpty()) {
      return measures();
    }
    List<Measure> chosen =
        measures().stream().filter(m -> only.contains(m.id())).collect(Collectors.toList());
    if (chosen.size() != only.size()) {
      throw new IllegalArgumentException(
          "unknown measure in "
              + only
              + "; the measures are "
              + measures().stream().map(Measure::id).toList());
    }
    return chosen;
  }

  private static MeasureResult runOne(Measure measure, Mode mode, BenchContext context) {
    String load = Machine.loadAverage();
    context.log(
        String.format(Locale.ROOT, "[%d] %s (load %s)", measure.number(), measure.title(), load));
    long start = System.nanoTime();
    try {
      Findings findings = measure.run(mode, context);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (Ratio ratio : findings.ratios()) {
        context.log(
            String.format(
                Locale.ROOT,
                "[%d] %s: %s (best %s, CPU %s)",
                measure.number(),
                ratio.label(),
                TimingTable.ratio(ratio.median()),
                TimingTable.ratio(ratio.best()),
                TimingTable.ratio(ratio.cpu())));
      }
      return new MeasureResult(
          measure.number(), measure.title(), Optional.of(findings), load, seconds, "");
    } catch (Exception e) {
      // One broken measure must not hide the others' figures; the run still fails at the end.
      context.log("[" + measure.number() + "] failed: " + e);
      StringBuilder trace = new StringBuilder();
      Arrays.stream(e.getStackTrace()).limit(8).forEach(f -> trace.append("\n    at ").append(f));
      context.log(trace.toString());
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new MeasureResult(
          measure.number(),
          measure.title(),
          Optional.empty(),
          load,
          (System.nanoTime() - start) / 1e9,
          error);
    }
  }

  private static List<RatioChart.Bar> bars(List<MeasureResult> results) {
    List<RatioChart.Bar> bars = new ArrayList<>();
    for (MeasureResult result : results) {
      for (Ratio ratio : result.findings().map(Findings::ratios).orElse(List.of())) {
        if (ratio.charted()) {
          bars.add(new RatioChart.Bar(result.number() + ". " + ratio.label(), ratio.median()));
        }
      }
    }
    return bars;
  }
}
