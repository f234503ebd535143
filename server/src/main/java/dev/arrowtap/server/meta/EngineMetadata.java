package dev.arrowtap.server.meta;

import dev.arrowtap.engine.JdbcColumns;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The answers to {@link DatabaseMetaData} calls that arrowtap corrects: names matched by the SQL
 * name rule, Calcite's internal {@code metadata} schema hidden, column sizes and type names as the
 * JDBC spec defines them, functions listed with their parameters, spec column names for keys.
 */
final class EngineMetadata {
  /** Calcite's own catalog tables; an implementation detail, not the user's data. */
  static final String CALCITE_SCHEMA = "metadata";

  /** Calcite's name of TIMESTAMP WITH LOCAL TIME ZONE, which metadata spells as SQL does. */
  private static final String LOCAL_TIME_ZONE = "TIMESTAMP_WITH_LOCAL_TIME_ZONE";

  /** The java.sql.Types the engine reads, writes and compares; getTypeInfo lists only these. */
  private static final Set<String> SUPPORTED_TYPES =
      Set.of(
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "DECIMAL",
          "FLOAT",
          "REAL",
          "DOUBLE",
          "DATE",
          "TIME",
          "TIMESTAMP",
          "TIMESTAMP WITH LOCAL TIME ZONE",
          "CHAR",
          "VARCHAR",
          "BINARY",
          "VARBINARY",
          "ARRAY");

  private final java.util.function.Function<ResultSetMetaData, List<ColumnMetaData>> columns;

  EngineMetadata(java.util.function.Function<ResultSetMetaData, List<ColumnMetaData>> columns) {
    this.columns = columns;
  }

  private MetadataRows rowsLike(ResultSet rs) throws SQLException {
    return new MetadataRows(columns.apply(rs.getMetaData()));
  }

  MetadataRows tables(Connection connection, String schema, String table, List<String> types)
      throws SQLException {
    String[] typeArray = types == null ? null : types.toArray(new String[0]);
    ResultSet rs = connection.getMetaData().getTables(null, null, null, typeArray);
    MetadataRows rows = rowsLike(rs);
    NamePattern schemas = NamePattern.of(schema);
    NamePattern tables = NamePattern.of(table);
    int schemaColumn = rows.index("TABLE_SCHEM");
    int tableColumn = rows.index("TABLE_NAME");
    rows.addAll(
        rs,
        row ->
            visibleSchema((String) row[schemaColumn])
                && schemas.matches((String) row[schemaColumn])
                && tables.matches((String) row[tableColumn]));
    return rows;
  }

  MetadataRows columns(Connection connection, String schema, String table, String column)
      throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    MetadataRows matching = tables(connection, schema, table, null);
    int schemaColumn = matching.index("TABLE_SCHEM");
    int tableColumn = matching.index("TABLE_NAME");
    NamePattern columnsLike = NamePattern.of(column);
    MetadataRows rows = null;
    for (Object[] found : matching.rows()) {
      // Exact names, so that only the tables asked for are described (a feed may infer its
      // columns).
      ResultSet rs =
          md.getColumns(
              null,
              NamePattern.exact((String) found[schemaColumn]),
              NamePattern.exact((String) found[tableColumn]),
              null);
      if (rows == null) {
        rows = rowsLike(rs);
      }
      MetadataRows target = rows;
      int name = rows.index("COLUMN_NAME");
      rows.addAll(rs, row -> columnsLike.matches((String) row[name]) && fixColumn(target, row));
    }
    return rows != null ? rows : rowsLike(md.getColumns(null, "\u0000", "\u0000", null));
  }

  /** TYPE_NAME as getTypeInfo names it; COLUMN_SIZE and DECIMAL_DIGITS as the spec defines. */
  private static boolean fixColumn(MetadataRows rows, Object[] row) {
    int dataType = ((Number) row[rows.index("DATA_TYPE")]).intValue();
    int typeName = rows.index("TYPE_NAME");
    String declared = (String) row[typeName];
    String name = sqlSpelling(declared.replace(" NOT NULL", ""));
    int precision = -1;
    int scale = -1;
    Matcher size = Pattern.compile("^([A-Z ]+)\\((\\d+)(?:, *(\\d+))?\\)$").matcher(name);
    if (size.matches()) {
      name = size.group(1);
      precision = Integer.parseInt(size.group(2));
      scale = size.group(3) == null ? -1 : Integer.parseInt(size.group(3));
    }
    row[typeName] = name;
    // The same rule as the columns of a query's ResultSetMetaData.
    row[rows.index("COLUMN_SIZE")] = JdbcColumns.columnSize(dataType, precision);
    row[rows.index("DECIMAL_DIGITS")] = JdbcColumns.decimalDigits(dataType, precision, scale);
    return true;
  }

  MetadataRows schemas(Connection connection, String schema) throws SQLException {
    ResultSet rs = connection.getMetaData().getSchemas();
    MetadataRows rows = rowsLike(rs);
    NamePattern schemas = NamePattern.of(schema);
    int name = rows.index("TABLE_SCHEM");
    rows.addAll(
        rs, row -> visibleSchema((String) row[name]) && schemas.matches((String) row[name]));
    return rows;
  }

  /** No rows: tables have no catalog (TABLE_CAT is null), so there is none to list. */
  MetadataRows catalogs(Connection connection) throws SQLException {
    ResultSet rs = connection.getMetaData().getCatalogs();
    MetadataRows rows = rowsLike(rs);
    rows.addAll(rs, row -> row[0] != null);
    return rows;
  }

  /** Every type getTables can return, including the sys tables' SYSTEM TABLE. */
  MetadataRows tableTypes(Connection connection) throws SQLException {
    Set<String> types = new TreeSet<>(List.of("SYSTEM TABLE"));
    ResultSet rs = connection.getMetaData().getTableTypes();
    MetadataRows rows = rowsLike(rs);
    rows.addAll(
        rs,
        row -> {
          types.add((String) row[0]);
          return false;
        });
    for (String type : types) {
      rows.add(type);
    }
    return rows;
  }

  /** A type name with Calcite's TIMESTAMP_WITH_LOCAL_TIME_ZONE written as SQL writes it. */
  static String sqlSpelling(String typeName) {
    return typeName.replace(LOCAL_TIME_ZONE, "TIMESTAMP WITH LOCAL TIME ZONE");
  }

  MetadataRows typeInfo(Connection connection) throws SQLException {
    ResultSet rs = connection.getMetaData().getTypeInfo();
    MetadataRows rows = rowsLike(rs);
    int name = rows.index("TYPE_NAME");
    int dataType = rows.index("DATA_TYPE");
    rows.addAll(
        rs,
        row -> {
          row[name] = sqlSpelling((String) row[name]);
          return SUPPORTED_TYPES.contains((String) row[name]);
        });
    rows.rows().sort(Comparator.comparingInt(row -> ((Number) row[dataType]).intValue()));
    return rows;
  }

  /** Feeds have no keys: an empty result with the spec's columns (DEFERRABILITY included). */
  static MetadataRows keys() {
    return MetadataRows.of(
        "PKTABLE_CAT", String.class,
        "PKTABLE_SCHEM", String.class,
        "PKTABLE_NAME", String.class,
        "PKCOLUMN_NAME", String.class,
        "FKTABLE_CAT", String.class,
        "FKTABLE_SCHEM", String.class,
        "FKTABLE_NAME", String.class,
        "FKCOLUMN_NAME", String.class,
        "KEY_SEQ", Short.class,
        "UPDATE_RULE", Short.class,
        "DELETE_RULE", Short.class,
        "FK_NAME", String.class,
        "PK_NAME", String.class,
        "DEFERRABILITY", Short.class);
  }

  /** The table functions (numbers, read_json, sys functions): each returns a table. */
  MetadataRows functions(Connection connection, String schema, String function)
      throws SQLException {
    MetadataRows rows =
        MetadataRows.of(
            "FUNCTION_CAT", String.class,
            "FUNCTION_SCHEM", String.class,
            "FUNCTION_NAME", String.class,
            "REMARKS", String.class,
            "FUNCTION_TYPE", Short.class,
            "SPECIFIC_NAME", String.class);
    forEachFunction(
        connection,
        schema,
        function,
        (schemaName, name, fn) ->
            rows.add(
                null,
                schemaName,
                name,
                "table function",
                (short) DatabaseMetaData.functionReturnsTable,
                name));
    return rows;
  }

  MetadataRows functionColumns(Connection connection, String schema, String function, String column)
      throws SQLException {
    MetadataRows rows =
        MetadataRows.of(
            "FUNCTION_CAT", String.class,
            "FUNCTION_SCHEM", String.class,
            "FUNCTION_NAME", String.class,
            "COLUMN_NAME", String.class,
            "COLUMN_TYPE", Short.class,
            "DATA_TYPE", Integer.class,
            "TYPE_NAME", String.class,
            "PRECISION", Integer.class,
            "LENGTH", Integer.class,
            "SCALE", Short.class,
            "RADIX", Short.class,
            "NULLABLE", Short.class,
            "REMARKS", String.class,
            "CHAR_OCTET_LENGTH", Integer.class,
            "ORDINAL_POSITION", Integer.class,
            "IS_NULLABLE", String.class,
            "SPECIFIC_NAME", String.class);
    NamePattern columns = NamePattern.of(column);
    RelDataTypeFactory types = connection.unwrap(CalciteConnection.class).getTypeFactory();
    forEachFunction(
        connection,
        schema,
        function,
        (schemaName, name, fn) -> {
          for (FunctionParameter parameter : fn.getParameters()) {
            if (!columns.matches(parameter.getName())) {
              continue;
            }
            RelDataType type = parameter.getType(types);
            rows.add(
                null,
                schemaName,
                name,
                parameter.getName(),
                (short) DatabaseMetaData.functionColumnIn,
                type.getSqlTypeName().getJdbcOrdinal(),
                type.getSqlTypeName().getName(),
                type.getPrecision() < 0 ? null : type.getPrecision(),
                null,
                type.getScale() < 0 ? null : (short) type.getScale(),
                (short) 10,
                (short)
                    (parameter.isOptional()
                        ? DatabaseMetaData.functionNullable
                        : DatabaseMetaData.functionNoNulls),
                parameter.isOptional() ? "optional" : null,
                null,
                parameter.getOrdinal() + 1,
                parameter.isOptional() ? "YES" : "NO",
                name);
          }
        });
    return rows;
  }

  /**
   * Visits the functions of each schema. The root schema's (numbers, read_json) are not listed with
   * a null FUNCTION_SCHEM, which tools drop: the engine puts them in {@code sys} too.
   */
  private static void forEachFunction(
      Connection connection, String schema, String function, FunctionVisitor visitor)
      throws SQLException {
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    NamePattern schemas = NamePattern.of(schema);
    NamePattern functions = NamePattern.of(function);
    for (String name : new TreeSet<>(root.subSchemas().getNames(LikePattern.any()))) {
      if (visibleSchema(name) && schemas.matches(name)) {
        visit(root.subSchemas().get(name), name, functions, visitor);
      }
    }
  }

  private static void visit(
      SchemaPlus schema, String schemaName, NamePattern functions, FunctionVisitor visitor) {
    if (schema == null) {
      return;
    }
    for (String name : new TreeSet<>(schema.getFunctionNames())) {
      if (!functions.matches(name)) {
        continue;
      }
      for (Function function : schema.getFunctions(name)) {
        visitor.visit(schemaName, name, function);
      }
    }
  }

  /** Called once per function. */
  private interface FunctionVisitor {
    void visit(String schema, String name, Function function);
  }

  private static boolean visibleSchema(String name) {
    return !CALCITE_SCHEMA.equals(name);
  }
}
