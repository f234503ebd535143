package dev.arrowtap.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("arrowtap").option("catalog", path).option("table", "demo.users")}: a
 * feed of an arrowtap catalog as a Spark DataFrame, also behind {@code CREATE TABLE ... USING
 * arrowtap OPTIONS (...)}.
 */
public final class ArrowtapDataSource implements TableProvider, DataSourceRegister {
  @Override
  public String shortName() {
    return "arrowtap";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return table(options).schema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return table(properties);
  }

  private static ArrowtapTable table(Map<String, String> options) {
    return ArrowtapTable.of(ArrowtapOptions.from(options), defaultSlots());
  }

  /** How many ranges a numbers table is split into at most: Spark's default parallelism. */
  static int defaultSlots() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isDefined() ? session.get().sparkContext().defaultParallelism() : 1;
  }
}
