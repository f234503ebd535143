package dev.arrowtap.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.arrowtap.decode.ColumnBinding;
import dev.arrowtap.decode.JsonBatchDecoder;
import dev.arrowtap.decode.RecordLayout;
import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Compares {@link JsonBatchDecoder} with DuckDB's {@code read_ndjson} on the same NDJSON file, in
 * one process so that both see the same machine load. Run with {@code bench/decode.sh}; not a test,
 * since timings on shared machines are only comparable within one run.
 */
public final class DecodeBenchmark {
  private static final int ROWS = 2_000_000;
  private static final int BATCH = 8192;
  private static final int WARMUPS = 2;
  private static final int RUNS = 7;
  private static final String[] CATEGORIES = {
    "books", "toys", "garden", "food", "sports", "music", "tools", "auto"
  };
  private static final String[] FIRST = {"olivia", "liam", "emma", "noah", "ava", "lucas", "mia"};
  private static final String[] LAST = {"smith", "garcia", "martinez", "nguyen", "kowalski"};

  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : ROWS;
    Path dir = Files.createTempDirectory("arrowtap-bench");
    Path file = dir.resolve("rows.ndjson");
    try {
      generate(file, rows);
      long bytes = Files.size(file);
      System.out.printf(
          Locale.ROOT,
          "file: %d rows, %.1f MB, %.1f bytes/row, JDK %s, %d cores%n",
          rows,
          bytes / 1e6,
          (double) bytes / rows,
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors());
      if (args.length > 1 && args[1].equals("arrowtap-only")) {
        profile(file, rows, bytes); // for a profiler: the decoder alone, many times
      } else {
        run(file, rows, bytes);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void run(Path file, int rows, long bytes) throws Exception {
    Class.forName("org.duckdb.DuckDBDriver");
    List<Double> duck1 = new ArrayList<>();
    List<Double> duck2 = new ArrayList<>();
    List<Double> arrow = new ArrayList<>();
    List<Double> duck1Cpu = new ArrayList<>();
    List<Double> arrowCpu = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        BufferAllocator allocator = new RootAllocator()) {
      for (int i = 0; i < WARMUPS + RUNS; i++) {
        boolean measured = i >= WARMUPS;
        String label = measured ? "run " + (i - WARMUPS + 1) : "warmup " + (i + 1);
        double d1 = time(() -> duckdb(duck, file, 1));
        double d1Cpu = lastCpuSeconds;
        String duckResult = lastResult;
        double a = time(() -> arrowtap(allocator, file));
        double aCpu = lastCpuSeconds;
        if (i == 0) {
          // Same aggregates from both, so both really read every value.
          System.out.println("check duckdb:   " + duckResult);
          System.out.println("check arrowtap: " + lastResult);
        }
        double d2 = time(() -> duckdb(duck, file, 2));
        System.out.printf(
            Locale.ROOT,
            "%-9s duckdb(1 thread) %.3f s (cpu %.3f s), arrowtap %.3f s (cpu %.3f s),"
                + " duckdb(2 threads) %.3f s%n",
            label,
            d1,
            d1Cpu,
            a,
            aCpu,
            d2);
        if (measured) {
          duck1.add(d1);
          arrow.add(a);
          duck2.add(d2);
          duck1Cpu.add(d1Cpu);
          arrowCpu.add(aCpu);
        }
      }
    }
    System.out.println();
    summary("median", DecodeBenchmark::median, duck1, duck2, arrow, rows, bytes);
    summary("best", DecodeBenchmark::best, duck1, duck2, arrow, rows, bytes);
    // On a shared machine wall time includes waiting for a core; process CPU time does not, so
    // for the single-threaded pair it is the steadier measure.
    System.out.println("process CPU time, median of " + arrowCpu.size() + " runs:");
    report("duckdb read_ndjson, 1 thread", median(duck1Cpu), rows, bytes);
    report("arrowtap JsonBatchDecoder, 1 thread", median(arrowCpu), rows, bytes);
    System.out.printf(
        Locale.ROOT,
        "ratio arrowtap / duckdb(1 thread), rows per CPU second: %.2f%n",
        median(duck1Cpu) / median(arrowCpu));
  }

  private static void summary(
      String what,
      ToDoubleFunction<List<Double>> statistic,
      List<Double> duck1,
      List<Double> duck2,
      List<Double> arrow,
      int rows,
      long bytes) {
    double d1 = statistic.applyAsDouble(duck1);
    double d2 = statistic.applyAsDouble(duck2);
    double a = statistic.applyAsDouble(arrow);
    System.out.println(what + " of " + arrow.size() + " runs:");
    report("duckdb read_ndjson, 1 thread", d1, rows, bytes);
    report("duckdb read_ndjson, 2 threads", d2, rows, bytes);
    report("arrowtap JsonBatchDecoder, 1 thread", a, rows, bytes);
    System.out.printf(Locale.ROOT, "ratio arrowtap / duckdb(1 thread), rows/s: %.2f%n", d1 / a);
    System.out.printf(Locale.ROOT, "ratio arrowtap / duckdb(2 threads), rows/s: %.2f%n", d2 / a);
    System.out.println();
  }

  private static void profile(Path file, int rows, long bytes) throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int i = 0; i < 12; i++) {
        report("arrowtap run " + (i + 1), time(() -> arrowtap(allocator, file)), rows, bytes);
      }
    }
  }

  private interface Work {
    String run() throws Exception;
  }

  /** Seconds taken; the result is printed once so that nothing is optimized away. */
  private static double time(Work work) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    String result = work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    lastCpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    if (result.isEmpty()) {
      System.out.println("no result");
    }
    lastResult = result;
    return seconds;
  }

  private static String lastResult = "";

  /** Process CPU time of the last {@link #time} call: every thread, DuckDB's, JIT and GC too. */
  private static double lastCpuSeconds;

  /** DuckDB's aggregates of every column, as text, with DuckDB set to {@code threads}. */
  public static String duckdb(Connection duck, Path file, int threads) throws Exception {
    try (Statement statement = duck.createStatement()) {
      statement.execute("SET threads=" + threads);
      String sql =
          "SELECT count(*), sum(id), sum(user_id), sum(length(name)), sum(length(email)),"
              + " sum(score), sum(CASE WHEN active THEN 1 ELSE 0 END), max(created_at),"
              + " count(DISTINCT category) FROM read_ndjson('"
              + file
              + "', columns={id: 'BIGINT', user_id: 'BIGINT', name: 'VARCHAR',"
              + " email: 'VARCHAR', score: 'DOUBLE', active: 'BOOLEAN',"
              + " created_at: 'TIMESTAMP', category: 'VARCHAR'})";
      try (ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1)
            + " "
            + rs.getLong(2)
            + " "
            + rs.getLong(3)
            + " "
            + rs.getLong(4)
            + " "
            + rs.getLong(5)
            + " "
            + rs.getLong(7)
            + " "
            + rs.getLong(9)
            + " | "
            + rs.getDouble(6)
            + " "
            + rs.getTimestamp(8);
      }
    }
  }

  private static List<ColumnBinding> columns() {
    return List.of(
        bind("id", ColumnType.BIGINT),
        bind("user_id", ColumnType.BIGINT),
        bind("name", ColumnType.VARCHAR),
        bind("email", ColumnType.VARCHAR),
        bind("score", ColumnType.DOUBLE),
        bind("active", ColumnType.BOOLEAN),
        bind("created_at", ColumnType.TIMESTAMP),
        bind("category", ColumnType.VARCHAR));
  }

  private static ColumnBinding bind(String name, ColumnType type) {
    return ColumnBinding.of(new Column(name, type, true));
  }

  /** Decodes the file and aggregates every value, as the DuckDB query does. */
  private static String arrowtap(BufferAllocator allocator, Path file) throws IOException {
    long count = 0;
    long ids = 0;
    long users = 0;
    long nameBytes = 0;
    long emailBytes = 0;
    double scores = 0;
    long active = 0;
    long maxCreated = Long.MIN_VALUE;
    long[] categories = new long[64];
    int distinct = 0;
    byte[] scratch = new byte[64];
    try (InputStream in = new FileInputStream(file.toFile());
        JsonBatchDecoder decoder =
            new JsonBatchDecoder(
                in, null, RecordLayout.AUTO, columns(), Set.of(), allocator, BATCH)) {
      VectorSchemaRoot root;
      while ((root = decoder.next()) != null) {
        int n = root.getRowCount();
        BigIntVector id = (BigIntVector) root.getVector(0);
        BigIntVector user = (BigIntVector) root.getVector(1);
        VarCharVector name = (VarCharVector) root.getVector(2);
        VarCharVector email = (VarCharVector) root.getVector(3);
        Float8Vector score = (Float8Vector) root.getVector(4);
        BitVector flag = (BitVector) root.getVector(5);
        TimeStampMilliVector created = (TimeStampMilliVector) root.getVector(6);
        VarCharVector category = (VarCharVector) root.getVector(7);
        for (int i = 0; i < n; i++) {
          ids += id.get(i);
          users += user.get(i);
          nameBytes += name.getEndOffset(i) - name.getStartOffset(i);
          emailBytes += email.getEndOffset(i) - email.getStartOffset(i);
          scores += score.get(i);
          active += flag.get(i);
          maxCreated = Math.max(maxCreated, created.get(i));
          long hash = hash(category, i, scratch);
          if (distinct < categories.length && !contains(categories, distinct, hash)) {
            categories[distinct++] = hash;
          }
        }
        count += n;
      }
    }
    return String.join(
        " ",
        Long.toString(count),
        Long.toString(ids),
        Long.toString(users),
        Long.toString(nameBytes),
        Long.toString(emailBytes),
        Long.toString(active),
        Integer.toString(distinct),
        "|",
        Double.toString(scores),
        Instant.ofEpochMilli(maxCreated).toString());
  }

  /**
   * A hash of a value's bytes. Short values (all categories) are read as one little-endian word:
   * Arrow's hashCode(i), byte-by-byte reads and small copies each cost more than decoding.
   */
  private static long hash(VarCharVector vector, int row, byte[] scratch) {
    ArrowBuf data = vector.getDataBuffer();
    long start = vector.getStartOffset(row);
    int length = (int) (vector.getEndOffset(row) - start);
    if (length <= 8 && start + 8 <= data.capacity()) {
      long mask = length == 8 ? -1L : (1L << (8 * length)) - 1;
      return (data.getLong(start) & mask) * 31 + length;
    }
    byte[] bytes = length <= scratch.length ? scratch : new byte[length];
    data.getBytes(start, bytes, 0, length);
    long hash = length;
    for (int i = 0; i < length; i++) {
      hash = hash * 31 + bytes[i];
    }
    return hash;
  }

  private static boolean contains(long[] values, int size, long value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double best(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static void report(String label, double seconds, int rows, long bytes) {
    System.out.printf(
        Locale.ROOT,
        "%-38s %6.3f s  %5.2f M rows/s  %6.1f MB/s%n",
        label,
        seconds,
        rows / seconds / 1e6,
        bytes / seconds / 1e6);
  }

  /** A deterministic file: the same bytes on every run and machine. */
  public static void generate(Path file, int rows) throws IOException {
    Random random = new Random(42);
    long epochSecond = 1_700_000_000L;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      StringBuilder line = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        int suffix = random.nextInt(100);
        long created = epochSecond + random.nextInt(40_000_000);
        line.setLength(0);
        line.append("{\"id\":")
            .append(i + 1)
            .append(",\"user_id\":")
            .append(random.nextInt(10_000))
            .append(",\"name\":\"")
            .append(capitalize(first))
            .append(' ')
            .append(capitalize(last))
            .append("\",\"email\":\"")
            .append(first)
            .append('.')
            .append(last.charAt(0))
            .append(suffix)
            .append("@mail.com\",\"score\":")
            .append(random.nextInt(10_000) / 10.0)
            .append(",\"active\":")
            .append(random.nextBoolean())
            .append(",\"created_at\":\"")
            .append(Instant.ofEpochSecond(created))
            .append("\",\"category\":\"")
            .append(CATEGORIES[random.nextInt(CATEGORIES.length)])
            .append("\"}\n");
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
