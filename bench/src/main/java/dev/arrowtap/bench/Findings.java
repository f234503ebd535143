package dev.arrowtap.bench;

import java.util.List;

/**
 * What one measure found: how it measured (markdown), a table of figures, its headline ratios and
 * notes.
 *
 * @param method how the figures were taken, as markdown
 * @param header the table's column names
 * @param rows the table's cells, already formatted
 * @param ratios the headline ratios (chart and summary)
 * @param notes sentences under the table
 */
public record Findings(
    String method,
    List<String> header,
    List<List<String>> rows,
    List<Ratio> ratios,
    List<String> notes) {
  public Findings {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    ratios = List.copyOf(ratios);
    notes = List.copyOf(notes);
    if (header.isEmpty() || rows.isEmpty()) {
      throw new IllegalArgumentException("findings without figures: " + method);
    }
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("a row of " + row.size() + " cells under " + header);
      }
    }
  }
}
