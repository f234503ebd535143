package dev.arrowtap.spark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of an arrowtap read: {@code catalog} (the catalog file), {@code table} ({@code
 * schema.table} in it, or {@code numbers(start, end)}), the most tasks that may call the API at
 * once ({@code max_concurrency}; 0, the default, for one Spark partition per task), and the tuning
 * {@code batch_size} and {@code numbers_per_task}. None of them is a secret: credentials stay in
 * the catalog's references.
 *
 * @param catalog the catalog file; empty for {@code numbers(...)}
 */
record ArrowtapOptions(
    Optional<String> catalog,
    String table,
    int batchSize,
    long numbersPerTask,
    int maxConcurrency) {
  static final String CATALOG = "catalog";
  static final String TABLE = "table";
  static final String BATCH_SIZE = "batch_size";
  static final String NUMBERS_PER_TASK = "numbers_per_task";
  static final String MAX_CONCURRENCY = "max_concurrency";

  static final int DEFAULT_BATCH_SIZE = 8192;
  static final long DEFAULT_NUMBERS_PER_TASK = 1_000_000;

  ArrowtapOptions {
    Objects.requireNonNull(catalog, "catalog is null");
    Objects.requireNonNull(table, "table is null");
    if (batchSize < 1 || batchSize > 1 << 20) {
      throw new IllegalArgumentException(
          "arrowtap option batch_size must be between 1 and 1048576, got " + batchSize);
    }
    if (maxConcurrency < 0) {
      throw new IllegalArgumentException(
          "arrowtap option max_concurrency must not be negative, got " + maxConcurrency);
    }
    if (numbersPerTask < 1) {
      throw new IllegalArgumentException(
          "arrowtap option numbers_per_task must be at least 1, got " + numbersPerTask);
    }
  }

  /** Reads the options of a read or a table definition; keys are case-insensitive. */
  static ArrowtapOptions from(Map<String, String> options) {
    Map<String, String> lower = new HashMap<>();
    options.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    String table = lower.get(TABLE);
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException(
          "arrowtap needs option 'table': schema.table from the catalog, or numbers(start, end)");
    }
    Optional<String> catalog = Optional.ofNullable(lower.get(CATALOG)).filter(s -> !s.isBlank());
    if (catalog.isEmpty() && !NumbersSource.matches(table)) {
      throw new IllegalArgumentException(
          "arrowtap needs option 'catalog': the path of the catalog file that declares " + table);
    }
    return new ArrowtapOptions(
        catalog,
        table.trim(),
        (int) number(lower, BATCH_SIZE, DEFAULT_BATCH_SIZE),
        number(lower, NUMBERS_PER_TASK, DEFAULT_NUMBERS_PER_TASK),
        (int) number(lower, MAX_CONCURRENCY, 0));
  }

  private static long number(Map<String, String> options, String key, long fallback) {
    String value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "arrowtap option " + key + " must be a whole number, got '" + value + "'");
    }
  }
}
