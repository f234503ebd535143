package dev.arrowtap.spark;

import dev.arrowtap.exec.ScanPlan;
import dev.arrowtap.plan.PushedFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into an arrowtap scan and plans the scan with the server's tables: the
 * columns it needs, {@code =} and {@code IN} on parameter columns (one task per value, as in the
 * server), comparisons on columns the catalog's {@code filters:} map to request parameters (sent to
 * the API, as the engine does) and a LIMIT (each task asks for pages no larger than it needs and
 * stops after that many rows; Spark still applies the limit across tasks). A required parameter
 * left open fails here, at planning, with arrowtap's message.
 */
final class ArrowtapScanBuilder
    implements SupportsPushDownRequiredColumns, SupportsPushDownV2Filters, SupportsPushDownLimit {
  private final TableSource source;
  private final StructType fullSchema;
  private final int batchSize;
  private final int maxConcurrency;
  private StructType required;
  private final Map<Integer, List<String>> bindings = new HashMap<>();
  private long limit = -1;
  private final List<Predicate> pushed = new ArrayList<>();
  private final List<PushedFilter> filters = new ArrayList<>();

  ArrowtapScanBuilder(
      TableSource source, StructType fullSchema, int batchSize, int maxConcurrency) {
    this.source = source;
    this.fullSchema = fullSchema;
    this.batchSize = batchSize;
    this.maxConcurrency = maxConcurrency;
    this.required = fullSchema;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  /**
   * Binds parameter columns; a bound predicate is answered exactly by the tasks (each fills the
   * parameter column with its own value), so Spark need not evaluate it again. Every other
   * predicate goes back to Spark, a comparison the API applies too (it is sent as a request
   * parameter) unless the catalog declares that filter exact.
   */
  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    Set<Integer> bindable = source.bindableColumns();
    List<Predicate> rest = new ArrayList<>();
    for (Predicate predicate : predicates) {
      Optional<ParameterPredicates.Binding> binding = ParameterPredicates.binding(predicate);
      int column = binding.map(b -> ordinal(b.column())).orElse(-1);
      if (column >= 0 && bindable.contains(column) && !bindings.containsKey(column)) {
        bindings.put(column, binding.get().values());
        pushed.add(predicate);
        continue;
      }
      Optional<PushedFilter> filter =
          RangePredicates.comparison(predicate)
              .flatMap(
                  c -> {
                    int ordinal = ordinal(c.column());
                    return ordinal < 0
                        ? Optional.empty()
                        : source.pushFilter(ordinal, c.op(), c.value(), filters);
                  });
      if (filter.isPresent()) {
        filters.add(filter.get());
        pushed.add(predicate);
        if (!filter.get().exact()) {
          rest.add(predicate);
        }
      } else {
        rest.add(predicate);
      }
    }
    return rest.toArray(Predicate[]::new);
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(Predicate[]::new);
  }

  @Override
  public boolean pushLimit(int rows) {
    limit = rows;
    return true;
  }

  @Override
  public Scan build() {
    source
        .missingBindings(bindings)
        .ifPresent(
            missing -> {
              throw new IllegalArgumentException(missing);
            });
    int[] projection = projection();
    // count(*) needs no column, but rows flow only with one: read the first, show none.
    int outputColumns = projection.length;
    if (projection.length == 0) {
      projection = new int[] {0};
    }
    ScanPlan plan = source.plan(projection, bindings, limit, filters);
    Map<String, List<String>> pushed = new LinkedHashMap<>();
    bindings.forEach((column, values) -> pushed.put(fullSchema.fields()[column].name(), values));
    return new ArrowtapScan(
        source,
        plan,
        required,
        pushed,
        filters.stream()
            .map(f -> fullSchema.fields()[f.column()].name() + " " + f.op() + " " + f.value())
            .toList(),
        new ReadSettings(
            batchSize,
            limit,
            outputColumns,
            ExecutorShares.of(org.apache.spark.sql.SparkSession.active().sparkContext())),
        maxConcurrency);
  }

  private int ordinal(String name) {
    StructField[] all = fullSchema.fields();
    for (int i = 0; i < all.length; i++) {
      if (all[i].name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The ordinals of the required columns in the table. */
  private int[] projection() {
    StructField[] all = fullSchema.fields();
    return Arrays.stream(required.fields())
        .mapToInt(
            field ->
                IntStream.range(0, all.length)
                    .filter(i -> all[i].name().equalsIgnoreCase(field.name()))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "arrowtap: table "
                                    + source.name()
                                    + " has no column "
                                    + field.name())))
        .toArray();
  }
}
