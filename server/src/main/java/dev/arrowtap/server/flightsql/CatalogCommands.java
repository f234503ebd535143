package dev.arrowtap.server.flightsql;

import dev.arrowtap.common.MetadataScope;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL catalog commands (catalogs, schemas, tables with their Arrow schemas, table types,
 * keys and SqlInfo), answered from the engine session's JDBC metadata, each as one small batch.
 */
final class CatalogCommands {
  private final BufferAllocator allocator;
  private final SqlInfoBuilder sqlInfo;

  CatalogCommands(BufferAllocator allocator, String version) {
    this.allocator = allocator;
    this.sqlInfo =
        new SqlInfoBuilder()
            .withFlightSqlServerName("arrowtap")
            .withFlightSqlServerVersion(version)
            .withFlightSqlServerArrowVersion(arrowVersion())
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(true)
            .withSqlIdentifierQuoteChar("\"")
            // Unquoted and quoted names alike match case-insensitively (docs/architecture.md).
            .withSqlIdentifierCase(
                SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlQuotedIdentifierCase(
                SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlSchemaTerm("schema")
            .withSqlCatalogTerm("catalog")
            .withSqlTransactionsSupported(false)
            .withSqlSupportsColumnAliasing(true);
  }

  private static String arrowVersion() {
    String version = Schema.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  void sqlInfo(CommandGetSqlInfo command, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  void catalogs(SessionPool.Session session, ServerStreamListener listener) throws SQLException {
    try (ResultSet rows = metaData(session).getCatalogs()) {
      send(rows, Schemas.GET_CATALOGS_SCHEMA, new int[] {1}, listener);
    }
  }

  void schemas(
      SessionPool.Session session, CommandGetDbSchemas command, ServerStreamListener listener)
      throws SQLException {
    try (MetadataScope scope = MetadataScope.enter();
        ResultSet rows =
            metaData(session)
                .getSchemas(
                    command.hasCatalog() ? command.getCatalog() : null,
                    command.hasDbSchemaFilterPattern()
                        ? command.getDbSchemaFilterPattern()
                        : null)) {
      send(rows, Schemas.GET_SCHEMAS_SCHEMA, new int[] {2, 1}, listener);
    }
  }

  void tableTypes(SessionPool.Session session, ServerStreamListener listener) throws SQLException {
    try (ResultSet rows = metaData(session).getTableTypes()) {
      send(rows, Schemas.GET_TABLE_TYPES_SCHEMA, new int[] {1}, listener);
    }
  }

  /** An empty answer of the given shape: arrowtap's tables have no keys. */
  void empty(Schema schema, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      listener.start(root);
      listener.completed();
    }
  }

  void tables(SessionPool.Session session, CommandGetTables command, ServerStreamListener listener)
      throws SQLException {
    DatabaseMetaData metaData = metaData(session);
    Schema schema =
        command.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    String[] types =
        command.getTableTypesCount() == 0
            ? null
            : command.getTableTypesList().toArray(String[]::new);
    try (MetadataScope scope = MetadataScope.enter();
        ResultSet rows =
            metaData.getTables(
                command.hasCatalog() ? command.getCatalog() : null,
                command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null,
                command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null,
                types);
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      List<ArrowColumns.ColumnWriter> writers = writers(root, new int[] {1, 2, 3, 4});
      VarBinaryVector tableSchemas =
          command.getIncludeSchema() ? (VarBinaryVector) root.getVector("table_schema") : null;
      int row = 0;
      while (rows.next()) {
        for (ArrowColumns.ColumnWriter writer : writers) {
          writer.write(rows, row);
        }
        if (tableSchemas != null) {
          Schema columns =
              tableSchema(metaData, rows.getString(1), rows.getString(2), rows.getString(3));
          tableSchemas.setSafe(row, columns.serializeAsMessage());
        }
        row++;
      }
      root.setRowCount(row);
      listener.start(root);
      listener.putNext();
      listener.completed();
    }
  }

  /** A table's columns as an Arrow schema, the same types its query results carry. */
  private static Schema tableSchema(
      DatabaseMetaData metaData, String catalog, String schema, String table) throws SQLException {
    List<Field> fields = new ArrayList<>();
    try (ResultSet columns = metaData.getColumns(catalog, escape(schema), escape(table), null)) {
      while (columns.next()) {
        fields.add(
            ArrowColumns.field(
                columns.getString("COLUMN_NAME"),
                columns.getInt("DATA_TYPE"),
                columns.getString("TYPE_NAME"),
                columns.getInt("COLUMN_SIZE"),
                columns.getInt("DECIMAL_DIGITS"),
                columns.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
      }
    }
    return new Schema(fields);
  }

  /** A name as a pattern that matches only itself. */
  private static String escape(String name) {
    return name == null ? null : name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
  }

  private static DatabaseMetaData metaData(SessionPool.Session session) throws SQLException {
    return session.connection().getMetaData();
  }

  /** Sends result columns {@code columns} (1-based) as the fields of {@code schema}, in order. */
  private void send(ResultSet rows, Schema schema, int[] columns, ServerStreamListener listener)
      throws SQLException {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      List<ArrowColumns.ColumnWriter> writers = writers(root, columns);
      int row = 0;
      while (rows.next()) {
        for (ArrowColumns.ColumnWriter writer : writers) {
          writer.write(rows, row);
        }
        row++;
      }
      root.setRowCount(row);
      listener.start(root);
      listener.putNext();
      listener.completed();
    }
  }

  private static List<ArrowColumns.ColumnWriter> writers(VectorSchemaRoot root, int[] columns) {
    List<ArrowColumns.ColumnWriter> writers = new ArrayList<>();
    List<FieldVector> vectors = root.getFieldVectors();
    for (int i = 0; i < columns.length; i++) {
      writers.add(ArrowColumns.writer(vectors.get(i), columns[i]));
    }
    return writers;
  }
}
