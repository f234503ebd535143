package dev.arrowtap.spark;

import dev.arrowtap.catalog.Catalog;
import dev.arrowtap.catalog.FeedDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * An arrowtap catalog file as a Spark catalog: {@code spark.sql.catalog.api =
 * dev.arrowtap.spark.ArrowtapCatalog} with {@code spark.sql.catalog.api.catalog = path} makes every
 * schema a namespace and every feed a table ({@code SELECT * FROM api.demo.users}). Read-only: the
 * file is the only place tables are declared, and an edited file is picked up by the next query.
 */
public final class ArrowtapCatalog implements TableCatalog, SupportsNamespaces {
  private String name;
  private String path;
  private int batchSize;
  private int maxConcurrency;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.path = options.get(ArrowtapOptions.CATALOG);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "arrowtap catalog "
              + name
              + " needs spark.sql.catalog."
              + name
              + ".catalog = the path of an arrowtap catalog file");
    }
    this.batchSize = options.getInt(ArrowtapOptions.BATCH_SIZE, ArrowtapOptions.DEFAULT_BATCH_SIZE);
    this.maxConcurrency = options.getInt(ArrowtapOptions.MAX_CONCURRENCY, 0);
    catalog(); // a broken file fails here, naming its line, rather than at the first query
  }

  @Override
  public String name() {
    return name;
  }

  private Catalog catalog() {
    return CatalogFiles.load(path);
  }

  @Override
  public String[][] listNamespaces() {
    return catalog().schemas().keySet().stream()
        .map(s -> new String[] {s})
        .toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    schema(namespace);
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 1 && findSchema(namespace[0]).isPresent();
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    schema(namespace);
    return new HashMap<>();
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    List<Identifier> tables = new ArrayList<>();
    for (FeedDef feed : schema(namespace)) {
      tables.add(Identifier.of(new String[] {feed.schema()}, feed.name()));
    }
    return tables.toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (ident.namespace().length != 1) {
      throw new NoSuchTableException(ident);
    }
    FeedDef feed =
        CatalogFiles.feed(catalog(), ident.namespace()[0], ident.name())
            .orElseThrow(() -> new NoSuchTableException(ident));
    return new ArrowtapTable(FeedSource.of(path, feed, batchSize), batchSize, maxConcurrency);
  }

  private List<FeedDef> schema(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1) {
      throw new NoSuchNamespaceException(namespace);
    }
    return findSchema(namespace[0]).orElseThrow(() -> new NoSuchNamespaceException(namespace));
  }

  private Optional<List<FeedDef>> findSchema(String schema) {
    return catalog().schemas().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(schema))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  @SuppressWarnings("deprecation") // the StructType variant is the one Spark 4 still calls first
  public Table createTable(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties) {
    throw readOnly();
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw readOnly();
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw readOnly();
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw readOnly();
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw readOnly();
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw readOnly();
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw readOnly();
  }

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException(
        "arrowtap catalog " + name + " is read-only: declare tables in " + path);
  }
}
