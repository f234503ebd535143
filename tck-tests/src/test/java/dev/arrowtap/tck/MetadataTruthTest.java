package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 8: DatabaseMetaData that tells the truth, as DBeaver and SchemaCrawler read it. */
class MetadataTruthTest {
  private static final DemoFeeds DEMO = DemoFeeds.INSTANCE;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void identifierCaseAnswersMatchTheLexicalPolicy(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      // Names are kept as written and matched in any case, quoted or not.
      assertTrue(md.storesMixedCaseIdentifiers());
      assertFalse(md.storesUpperCaseIdentifiers());
      assertFalse(md.storesLowerCaseIdentifiers());
      assertFalse(md.supportsMixedCaseIdentifiers());
      assertTrue(md.storesMixedCaseQuotedIdentifiers());
      assertFalse(md.supportsMixedCaseQuotedIdentifiers());
      assertFalse(md.storesUpperCaseQuotedIdentifiers());
      assertFalse(md.storesLowerCaseQuotedIdentifiers());
      // A read-only source.
      assertTrue(md.isReadOnly());
      assertFalse(md.supportsBatchUpdates());
      assertFalse(md.allProceduresAreCallable());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void lookupsFollowTheSqlCaseRuleAndUnderscoreIsOneCharacter(Mode mode) throws SQLException {
    try (Connection connection = DEMO.connect(mode)) {
      DatabaseMetaData md = connection.getMetaData();
      assertEquals(List.of("demo.users"), tables(md.getTables(null, "DEMO", "USERS", null)));
      assertEquals(List.of("demo.users"), tables(md.getTables(null, "Demo", "u_ers", null)));
      assertEquals(List.of(), tables(md.getTables(null, "demo", "u_sers", null)));
      assertEquals(List.of("sys.queries"), tables(md.getTables(null, "SYS", "QUER%", null)));
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "DEMO", "USERS", "SIGNUP_AT")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals(List.of("signup_at"), columns);
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas(null, "DE_O")) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertEquals(List.of("demo"), schemas);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void calcitesMetadataSchemaIsHiddenAndTableTypesCoverEveryTable(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      Set<String> types = new LinkedHashSet<>();
      try (ResultSet rs = md.getTableTypes()) {
        while (rs.next()) {
          types.add(rs.getString("TABLE_TYPE"));
        }
      }
      Set<String> schemas = new LinkedHashSet<>();
      Set<String> catalogs = new LinkedHashSet<>();
      try (ResultSet rs = md.getTables(null, null, null, null)) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
          catalogs.add(String.valueOf(rs.getString("TABLE_CAT")));
          assertTrue(types.contains(rs.getString("TABLE_TYPE")), rs.getString("TABLE_TYPE"));
        }
      }
      assertFalse(schemas.contains("metadata"), schemas.toString());
      assertTrue(schemas.contains("sys"), schemas.toString());
      assertTrue(types.contains("SYSTEM TABLE"), types.toString());
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          assertFalse("metadata".equals(rs.getString("TABLE_SCHEM")));
        }
      }
      // TABLE_CAT is null everywhere, and getCatalogs lists no catalog.
      assertEquals(Set.of("null"), catalogs);
      try (ResultSet rs = md.getCatalogs()) {
        assertEquals("TABLE_CAT", rs.getMetaData().getColumnName(1));
        assertFalse(rs.next());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void columnsHaveSpecTypeNamesAndSizes(Mode mode) throws SQLException {
    try (Connection connection = DEMO.connect(mode)) {
      DatabaseMetaData md = connection.getMetaData();
      Map<String, Object[]> columns = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, "sys", "queries", null)) {
        while (rs.next()) {
          columns.put(
              rs.getString("COLUMN_NAME"),
              new Object[] {
                rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getObject("DECIMAL_DIGITS")
              });
        }
      }
      assertEquals("BIGINT", columns.get("query_id")[0]);
      assertEquals(19, columns.get("query_id")[1]);
      assertEquals("INTEGER", columns.get("tasks")[0]);
      assertEquals(10, columns.get("tasks")[1]);
      assertEquals("VARCHAR", columns.get("state")[0]);
      assertTrue((Integer) columns.get("state")[1] > 0);
      assertEquals("TIMESTAMP", columns.get("start_time")[0]);
      assertEquals(23, columns.get("start_time")[1]); // yyyy-mm-dd hh:mm:ss.fff
      assertEquals(3, ((Number) columns.get("start_time")[2]).intValue());
      try (ResultSet rs = md.getColumns(null, "demo", "users", "id")) {
        assertTrue(rs.next());
        assertEquals("BIGINT", rs.getString("TYPE_NAME"));
        assertEquals(19, rs.getInt("COLUMN_SIZE"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void typeInfoListsOnlySupportedJdbcTypes(Mode mode) throws SQLException {
    Set<Integer> supported =
        Set.of(
            Types.BOOLEAN,
            Types.TINYINT,
            Types.SMALLINT,
            Types.INTEGER,
            Types.BIGINT,
            Types.DECIMAL,
            Types.FLOAT,
            Types.REAL,
            Types.DOUBLE,
            Types.DATE,
            Types.TIME,
            Types.TIMESTAMP,
            Types.CHAR,
            Types.VARCHAR,
            Types.BINARY,
            Types.VARBINARY,
            Types.ARRAY);
    try (Connection connection = mode.connect();
        ResultSet rs = connection.getMetaData().getTypeInfo()) {
      Set<String> names = new LinkedHashSet<>();
      int previous = Integer.MIN_VALUE;
      while (rs.next()) {
        int type = rs.getInt("DATA_TYPE");
        assertTrue(supported.contains(type), rs.getString("TYPE_NAME") + " " + type);
        assertTrue(type >= previous, "ordered by DATA_TYPE");
        previous = type;
        names.add(rs.getString("TYPE_NAME"));
      }
      assertTrue(
          names.containsAll(List.of("BIGINT", "VARCHAR", "TIMESTAMP", "DOUBLE")), names.toString());
      assertFalse(names.contains("GEOMETRY") || names.contains("UBIGINT"), names.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void keysUseTheSpecColumnNames(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      for (ResultSet rs :
          List.of(
              md.getImportedKeys(null, "sys", "queries"),
              md.getExportedKeys(null, "sys", "queries"),
              md.getCrossReference(null, "sys", "queries", null, "sys", "task_metrics"))) {
        try (rs) {
          assertEquals(14, rs.getMetaData().getColumnCount());
          assertEquals("DEFERRABILITY", rs.getMetaData().getColumnName(14));
          assertEquals("PKTABLE_SCHEM", rs.getMetaData().getColumnName(2));
          assertFalse(rs.next());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void functionsAreListedWithTheirParameters(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      Set<String> functions = new LinkedHashSet<>();
      try (ResultSet rs = md.getFunctions(null, null, "%")) {
        while (rs.next()) {
          String schema = rs.getString("FUNCTION_SCHEM");
          functions.add((schema == null ? "" : schema + ".") + rs.getString("FUNCTION_NAME"));
          assertEquals(DatabaseMetaData.functionReturnsTable, rs.getShort("FUNCTION_TYPE"));
        }
      }
      // Listed in a schema (SchemaCrawler drops a function whose FUNCTION_SCHEM is null).
      assertTrue(
          functions.containsAll(List.of("sys.numbers", "sys.read_json")), functions.toString());
      assertFalse(functions.stream().anyMatch(f -> !f.contains(".")), functions.toString());
      try (ResultSet rs = md.getFunctions(null, "sys", "numbers")) {
        assertTrue(rs.next());
        assertEquals("sys", rs.getString("FUNCTION_SCHEM"));
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*) FROM sys.numbers(0, 3)")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1), "the schema a function is listed in can call it");
      }
      assertTrue(functions.stream().anyMatch(f -> f.startsWith("sys.")), functions.toString());
      List<String> parameters = new ArrayList<>();
      try (ResultSet rs = md.getFunctionColumns(null, null, "NUMBERS", "%")) {
        while (rs.next()) {
          parameters.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("ORDINAL_POSITION"));
          assertEquals(DatabaseMetaData.functionColumnIn, rs.getShort("COLUMN_TYPE"));
        }
      }
      assertEquals(2, parameters.size(), parameters.toString());
      assertTrue(parameters.get(0).endsWith(":1"), parameters.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void driverPropertyInfoListsArrowtapsProperties(Mode mode) throws SQLException {
    Driver driver = DriverManager.getDriver(mode.url());
    Properties given = new Properties();
    given.setProperty("password", "hunter2");
    DriverPropertyInfo[] info = driver.getPropertyInfo(mode.url() + ";fetch_size=500", given);
    Map<String, DriverPropertyInfo> byName = new HashMap<>();
    Arrays.stream(info).forEach(p -> byName.put(p.name, p));
    assertTrue(
        byName
            .keySet()
            .containsAll(
                List.of(
                    "url",
                    "catalog",
                    "user",
                    "password",
                    "fetch_size",
                    "push_aggregates",
                    "plan_cache",
                    "decode_threads")),
        byName.keySet().toString());
    assertFalse(byName.containsKey("AVATICA_USER") || byName.containsKey("avatica_user"));
    assertEquals("500", byName.get("fetch_size").value);
    assertNull(byName.get("password").value, "a password is never echoed");
    for (DriverPropertyInfo property : info) {
      assertFalse(property.description == null || property.description.isBlank(), property.name);
    }
  }

  private static List<String> tables(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }
}
