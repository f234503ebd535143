package dev.arrowtap.spark;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A feed (or numbers range) as a read-only Spark table. */
final class ArrowtapTable implements SupportsRead {
  private final TableSource source;
  private final StructType schema;
  private final int batchSize;
  private final int maxConcurrency;

  ArrowtapTable(TableSource source, int batchSize, int maxConcurrency) {
    this.source = source;
    this.schema = SparkTypes.schema(source.shape().columns());
    this.batchSize = batchSize;
    this.maxConcurrency = maxConcurrency;
  }

  /** The source an {@link ArrowtapOptions} names, loading the catalog file if it has one. */
  static ArrowtapTable of(ArrowtapOptions options, int defaultSlots) {
    TableSource source;
    if (options.catalog().isEmpty()) {
      source = NumbersSource.parse(options.table(), options.numbersPerTask(), defaultSlots);
    } else {
      String catalog = options.catalog().get();
      source =
          FeedSource.of(
              catalog, CatalogFiles.requireFeed(catalog, options.table()), options.batchSize());
    }
    return new ArrowtapTable(source, options.batchSize(), options.maxConcurrency());
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  @SuppressWarnings("deprecation") // Spark 4 still reads schema() from tables that give no columns
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new ArrowtapScanBuilder(source, schema, batchSize, maxConcurrency);
  }
}
