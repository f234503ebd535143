package dev.arrowtap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measure 1: arrowtap's decoder against DuckDB's {@code read_ndjson} on the same file, on one
 * thread and on all cores (the latter once the decoder can split a body between threads).
 */
final class DecodeMeasure implements Measure {
  @Override
  public int number() {
    return 1;
  }

  @Override
  public String title() {
    return "Decode NDJSON: arrowtap's decoder against DuckDB read_ndjson";
  }

  @Override
  public String id() {
    return "decode";
  }

  @Override
  public Findings run(Mode mode, BenchContext context) throws Exception {
    int rows = mode.decodeRows();
    Path file = context.ndjson(rows);
    long bytes = Files.size(file);
    int cores = Runtime.getRuntime().availableProcessors();
    DecodeLoop loop = DecodeLoop.find();
    boolean allCores = cores > 1 && loop.threaded();
    Connection duck = context.duckdb();
    List<Contestant> contestants = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      contestants.add(
          new Contestant("DuckDB, 1 thread", () -> answer(DecodeBenchmark.duckdb(duck, file, 1))));
      contestants.add(
          new Contestant("arrowtap, 1 thread", () -> answer(loop.run(allocator, file, 1))));
      String duckAll = "DuckDB, " + cores + " threads";
      String arrowAll = "arrowtap, " + cores + " threads";
      if (allCores) {
        contestants.add(
            new Contestant(duckAll, () -> answer(DecodeBenchmark.duckdb(duck, file, cores))));
        contestants.add(new Contestant(arrowAll, () -> answer(loop.run(allocator, file, cores))));
      }
      Rounds.Outcome outcome =
          Rounds.run(mode.warmups(), mode.rounds(), contestants, context.logger());
      Agreement.same(outcome.answers(), "decode aggregates");
      Timing duck1 = outcome.timing("DuckDB, 1 thread");
      Timing arrow1 = outcome.timing("arrowtap, 1 thread");
      List<List<String>> table =
          new ArrayList<>(TimingTable.rows(List.of(duck1, arrow1), duck1, rows, true));
      List<Ratio> ratios = new ArrayList<>();
      ratios.add(
          Ratio.ofTimes("decode, 1 thread / DuckDB 1 thread", arrow1, duck1, true, ">= 1.0"));
      List<String> notes = new ArrayList<>();
      if (allCores) {
        Timing duckN = outcome.timing(duckAll);
        Timing arrowN = outcome.timing(arrowAll);
        table.addAll(TimingTable.rows(List.of(duckN, arrowN), duckN, rows, false));
        ratios.add(
            Ratio.ofTimes(
                "decode, " + cores + " threads / DuckDB " + cores + " threads",
                arrowN,
                duckN,
                false,
                ">= 1.0"));
      } else {
        notes.add(
            "All cores: **one thread only** so far: this build's decoder reads one body on one"
                + " thread (DecodeBenchmark has no `arrowtap(allocator, file, threads)`), so the"
                + " all-cores pair is not measured. The suite measures it as soon as the"
                + " multi-threaded decoder is in.");
      }
      notes.add(
          "The CPU ratio (process CPU time, every thread of the JVM) is the steadier figure for the"
              + " one-thread pair on a shared machine: it leaves out time spent waiting for a core.");
      String method =
          String.format(
              Locale.ROOT,
              "One NDJSON file of %,d rows x 8 columns (%s, generated with seed 42 by"
                  + " `DecodeBenchmark`). DuckDB runs `read_ndjson` with explicit `columns={...}`"
                  + " and aggregates every column; arrowtap's `JsonBatchDecoder` decodes the file"
                  + " into Arrow batches of 8,192 rows and the same aggregates are computed from"
                  + " the vectors; the answers are checked to agree. %d warm-up and %d measured"
                  + " rounds, alternating. Also: `bench/decode.sh`.",
              rows,
              TimingTable.bytes(bytes),
              mode.warmups(),
              mode.rounds());
      return new Findings(method, TimingTable.HEADER, table, ratios, notes);
    }
  }

  /**
   * The aggregates both sides agree on exactly; timestamps print differently (DuckDB's JDBC and
   * {@code Instant}) and are left out of the comparison.
   */
  private static String answer(String text) {
    return text.substring(0, text.indexOf('|')).trim();
  }
}
