package dev.arrowtap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Catalog files for the measures' feeds. */
final class Catalogs {
  /** The 8 columns of DecodeBenchmark's rows, as catalog column entries. */
  static final String EVENT_COLUMNS =
      "        columns:\n"
          + "          - {name: id, type: BIGINT}\n"
          + "          - {name: user_id, type: BIGINT}\n"
          + "          - {name: name, type: VARCHAR}\n"
          + "          - {name: email, type: VARCHAR}\n"
          + "          - {name: score, type: DOUBLE}\n"
          + "          - {name: active, type: BOOLEAN}\n"
          + "          - {name: created_at, type: TIMESTAMP}\n"
          + "          - {name: category, type: VARCHAR}\n";

  /** DuckDB's {@code columns} argument for the same 8 columns. */
  static final String DUCKDB_COLUMNS =
      "columns={id: 'BIGINT', user_id: 'BIGINT', name: 'VARCHAR', email: 'VARCHAR',"
          + " score: 'DOUBLE', active: 'BOOLEAN', created_at: 'TIMESTAMP', category: 'VARCHAR'}";

  private Catalogs() {}

  /** A catalog with table {@code b.events}: the 8-column NDJSON at {@code url}. */
  static Path events(Path dir, String name, String url) throws IOException {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        "schemas:\n  - name: b\n    tables:\n      - name: events\n        url: "
            + url
            + "\n        records: {format: ndjson}\n"
            + EVENT_COLUMNS);
  }
}
