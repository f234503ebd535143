package dev.arrowtap.spark;

import dev.arrowtap.exec.ScanPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into an arrowtap scan (the columns it needs) and plans the scan with
 * the server's tables.
 */
class ArrowtapScanBuilder implements SupportsPushDownRequiredColumns {
  protected final TableSource source;
  protected final StructType fullSchema;
  protected final int batchSize;
  protected StructType required;
  protected final Map<Integer, List<String>> bindings = new HashMap<>();
  protected long limit = -1;

  ArrowtapScanBuilder(TableSource source, StructType fullSchema, int batchSize) {
    this.source = source;
    this.fullSchema = fullSchema;
    this.batchSize = batchSize;
    this.required = fullSchema;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
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
    ScanPlan plan = source.plan(projection, bindings);
    Map<String, List<String>> pushed = new LinkedHashMap<>();
    bindings.forEach((column, values) -> pushed.put(fullSchema.fields()[column].name(), values));
    return new ArrowtapScan(
        source, plan, required, pushed, new ReadSettings(batchSize, limit, outputColumns));
  }

  /** The ordinals of the required columns in the table. */
  private int[] projection() {
    StructField[] all = fullSchema.fields();
    return java.util.Arrays.stream(required.fields())
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
