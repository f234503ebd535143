package dev.arrowtap.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders a run of the suite as the generated part of {@code docs/benchmarks.md}. */
final class MarkdownReport {
  static final String BEGIN = "<!-- bench:begin -->";
  static final String END = "<!-- bench:end -->";
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MarkdownReport() {}

  static String render(RunInfo run, List<MeasureResult> results, String chartFile) {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("<!-- Written by bench/run: edit outside the bench markers, or the next run ")
        .append("overwrites it. -->\n\n");
    md.append("## Latest run of the suite\n\n");
    md.append(
        "Reproduce every figure below with one command from the repository root: `bench/run`"
            + " (full sizes, about a quarter of an hour on 2 cores), `bench/run --medium` (smaller"
            + " feeds and ranges), or `bench/run --short` (tiny inputs, seconds: what CI runs to"
            + " prove the harness). `bench/run --only decode,groupby` runs some measures only."
            + " Peers come from Maven Central through the build (DuckDB's JDBC driver, plain"
            + " Avatica). **Compare ratios, not absolute times**: each ratio is measured in one"
            + " process, both sides in alternating rounds; above 1.0 arrowtap is faster.\n\n");
    md.append("This run: **")
        .append(run.mode().name())
        .append(" mode**, command `")
        .append(run.command())
        .append("`, started ")
        .append(WHEN.format(run.started()))
        .append(", took ")
        .append(minutes(run.took().toSeconds()))
        .append(", commit `")
        .append(run.commit())
        .append("`.\n\n");
    Machine m = run.machine();
    md.append("| machine | |\n|---|---|\n");
    md.append("| cores | ").append(m.cores()).append(" (").append(m.cpu()).append(") |\n");
    md.append("| memory | ").append(TimingTable.bytes(m.memoryBytes())).append(" |\n");
    md.append("| JDK | ").append(m.jdk()).append(" |\n");
    md.append("| OS | ").append(m.os()).append(" |\n");
    md.append("| peers | ").append(run.peers()).append(" |\n");
    md.append("| load average (1, 5, 15 min) at start | ").append(run.loadAtStart()).append(" |\n");
    md.append("| load average at end | ").append(run.loadAtEnd()).append(" |\n\n");
    summary(md, results);
    md.append("![Ratios of the latest run](").append(chartFile).append(")\n\n");
    for (MeasureResult result : results) {
      section(md, result);
    }
    md.append(END).append('\n');
    return md.toString();
  }

  static String heading(MeasureResult result) {
    return "### " + result.number() + ". " + result.title();
  }

  private static void summary(StringBuilder md, List<MeasureResult> results) {
    md.append("### Summary\n\n");
    md.append(
        "| # | measure | comparison | ratio, median | ratio, best | ratio, CPU | goal"
            + " | against the goal |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (MeasureResult result : results) {
      if (result.failed()) {
        md.append("| ")
            .append(result.number())
            .append(" | ")
            .append(result.title())
            .append(" | **failed**: ")
            .append(cell(result.error()))
            .append(" | - | - | - | | |\n");
        continue;
      }
      for (Ratio ratio : result.findings().orElseThrow().ratios()) {
        md.append("| ")
            .append(result.number())
            .append(" | ")
            .append(result.title())
            .append(" | ")
            .append(cell(ratio.label()))
            .append(" | **")
            .append(TimingTable.ratio(ratio.median()))
            .append("** | ")
            .append(TimingTable.ratio(ratio.best()))
            .append(" | ")
            .append(TimingTable.ratio(ratio.cpu()))
            .append(" | ")
            .append(cell(ratio.goal()))
            .append(" | ")
            .append(ratio.againstGoal())
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static void section(StringBuilder md, MeasureResult result) {
    md.append(heading(result)).append("\n\n");
    if (result.failed()) {
      md.append("**Failed** after ")
          .append(minutes(Math.round(result.seconds())))
          .append(": `")
          .append(result.error().replace('`', '\''))
          .append("`\n\n");
      return;
    }
    Findings findings = result.findings().orElseThrow();
    md.append(findings.method().strip()).append("\n\n");
    md.append("| ").append(String.join(" | ", findings.header())).append(" |\n");
    md.append("|").append("---|".repeat(findings.header().size())).append('\n');
    for (List<String> row : findings.rows()) {
      md.append("| ");
      md.append(String.join(" | ", row.stream().map(MarkdownReport::cell).toList()));
      md.append(" |\n");
    }
    md.append('\n');
    for (String note : findings.notes()) {
      md.append(note.strip()).append("\n\n");
    }
    md.append("_Load average at the start of this measure: ")
        .append(result.load())
        .append("; it took ")
        .append(minutes(Math.round(result.seconds())))
        .append("._\n\n");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ');
  }

  private static String minutes(long seconds) {
    return seconds < 120 ? seconds + " s" : String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
  }
}
