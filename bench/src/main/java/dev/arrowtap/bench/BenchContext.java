package dev.arrowtap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the measures of one run share: a scratch directory (deleted at the end), generated NDJSON
 * files (made once per size), an in-process DuckDB and the progress log.
 */
public final class BenchContext implements AutoCloseable {
  private final Path dir;
  private final Consumer<String> log;
  private final Map<Integer, Path> ndjson = new HashMap<>();
  private Connection duckdb;

  public BenchContext(Consumer<String> log) throws IOException {
    this.dir = Files.createTempDirectory("arrowtap-bench");
    this.log = log;
  }

  public Path dir() {
    return dir;
  }

  public void log(String line) {
    log.accept(line);
  }

  public Consumer<String> logger() {
    return log;
  }

  /**
   * DecodeBenchmark's deterministic file of {@code rows} rows x 8 columns (id, user_id, name,
   * email, score, active, created_at, category).
   */
  public Path ndjson(int rows) throws IOException {
    Path file = ndjson.get(rows);
    if (file == null) {
      file = dir.resolve("rows-" + rows + ".ndjson");
      dev.arrowtap.bench.DecodeBenchmark.generate(file, rows);
      ndjson.put(rows, file);
    }
    return file;
  }

  /** One in-process DuckDB for the run (an in-memory database), at its default threads. */
  public Connection duckdb() throws SQLException {
    if (duckdb == null) {
      try {
        Class.forName("org.duckdb.DuckDBDriver");
      } catch (ClassNotFoundException e) {
        throw new SQLException("DuckDB's JDBC driver is not on the class path", e);
      }
      duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }
    // A measure may have set threads; the next starts from DuckDB's default (all cores).
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("RESET threads");
    }
    return duckdb;
  }

  @Override
  public void close() throws SQLException {
    if (duckdb != null) {
      duckdb.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(BenchContext::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
