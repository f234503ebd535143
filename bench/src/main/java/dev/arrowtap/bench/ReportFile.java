package dev.arrowtap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the generated part into {@code docs/benchmarks.md}: only between the bench markers, so the
 * hand-written sections around it (and other people's) stay as they are.
 */
final class ReportFile {
  private ReportFile() {}

  static void write(Path file, String generated) throws IOException {
    String text = Files.exists(file) ? Files.readString(file) : "";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, splice(text, generated));
  }

  /**
   * {@code text} with its marked part replaced; a file without markers gets them after its title.
   */
  static String splice(String text, String generated) {
    int begin = text.indexOf(MarkdownReport.BEGIN);
    int end = text.indexOf(MarkdownReport.END);
    if (begin >= 0 && end > begin) {
      int after = text.indexOf('\n', end);
      return text.substring(0, begin) + generated + (after < 0 ? "" : text.substring(after + 1));
    }
    if (begin >= 0 || end >= 0) {
      throw new IllegalArgumentException(
          "the report has one bench marker without the other: fix it by hand");
    }
    if (text.isBlank()) {
      return "# Benchmarks\n\n" + generated;
    }
    int title = text.startsWith("# ") ? text.indexOf('\n') + 1 : 0;
    return text.substring(0, title) + "\n" + generated + "\n" + text.substring(title);
  }
}
