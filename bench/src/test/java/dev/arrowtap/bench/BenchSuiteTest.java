package dev.arrowtap.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The suite end to end in its short mode, as CI runs it: every measure produces figures and the
 * report has every section. It asserts no time (timings belong to bench/run, not to tests), and
 * writes to target/, never to docs/.
 */
class BenchSuiteTest {
  @Test
  void shortModeMeasuresEverythingAndWritesTheReport() throws Exception {
    Path out = Path.of("target", "bench", "benchmarks.md");
    Files.deleteIfExists(out);
    List<String> log = new ArrayList<>();
    BenchSuite.Report report =
        BenchSuite.run(Mode.SHORT, Set.of(), "bench/run --short", out, log::add);

    assertEquals(BenchSuite.measures().size(), report.results().size());
    for (MeasureResult result : report.results()) {
      assertFalse(result.failed(), () -> "measure " + result.number() + ": " + result.error());
      Findings findings = result.findings().orElseThrow();
      assertFalse(findings.ratios().isEmpty(), () -> "no ratio from measure " + result.number());
      for (Ratio ratio : findings.ratios()) {
        assertTrue(
            ratio.median() > 0 && Double.isFinite(ratio.median()),
            () -> "measure " + result.number() + ", " + ratio.label() + ": " + ratio.median());
      }
    }
    String written = Files.readString(out);
    assertTrue(written.contains(MarkdownReport.BEGIN) && written.contains(MarkdownReport.END));
    for (String section : List.of("### Summary", "| cores |", "| JDK |", "load average")) {
      assertTrue(written.contains(section), section);
    }
    for (MeasureResult result : report.results()) {
      assertTrue(written.contains(MarkdownReport.heading(result)), MarkdownReport.heading(result));
    }
    String svg = Files.readString(BenchSuite.chartPath(out));
    assertTrue(svg.startsWith("<svg") && svg.contains("</svg>"), svg);
    long bars = svg.lines().filter(line -> line.startsWith("<rect x=")).count();
    long charted =
        report.results().stream()
            .flatMap(r -> r.findings().orElseThrow().ratios().stream())
            .filter(Ratio::charted)
            .count();
    assertEquals(charted, bars, svg);
  }

  @Test
  void theGeneratedPartReplacesOnlyWhatIsBetweenTheMarkers() {
    String before =
        "# Benchmarks\n\nintro\n\n"
            + MarkdownReport.BEGIN
            + "\nold figures\n"
            + MarkdownReport.END
            + "\n\n## Earlier measurements\n\nkept\n";
    String after =
        ReportFile.splice(before, MarkdownReport.BEGIN + "\nnew\n" + MarkdownReport.END + "\n");
    assertEquals(
        "# Benchmarks\n\nintro\n\n"
            + MarkdownReport.BEGIN
            + "\nnew\n"
            + MarkdownReport.END
            + "\n\n## Earlier measurements\n\nkept\n",
        after);
  }
}
