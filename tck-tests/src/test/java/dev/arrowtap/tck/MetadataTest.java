package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetadataTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void identifiesAsArrowtap(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      assertEquals("arrowtap", md.getDatabaseProductName());
      assertEquals("arrowtap JDBC driver", md.getDriverName());
      assertFalse(md.getDatabaseProductVersion().isBlank());
      assertEquals("\"", md.getIdentifierQuoteString());
      assertTrue(md.getURL().startsWith("jdbc:arrowtap:"), md.getURL());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void listsSchemasAndTableTypes(Mode mode) throws SQLException {
    try (Connection connection = mode.connect()) {
      DatabaseMetaData md = connection.getMetaData();
      List<String> types = new ArrayList<>();
      try (ResultSet rs = md.getTableTypes()) {
        while (rs.next()) {
          types.add(rs.getString("TABLE_TYPE"));
        }
      }
      assertTrue(types.contains("TABLE"), types.toString());
      try (ResultSet rs = md.getSchemas()) {
        assertEquals("TABLE_SCHEM", rs.getMetaData().getColumnName(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resultSetMetadataDescribesColumnsAsDeclared(Mode mode) throws SQLException {
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT *, number * 2 AS \"Twice\" FROM NUMBERS(0, 3)")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(2, md.getColumnCount());
      // A column selected by * is shown as declared; an alias as written.
      assertEquals("number", md.getColumnLabel(1));
      assertEquals("Twice", md.getColumnLabel(2));
      assertEquals(Types.BIGINT, md.getColumnType(1));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
    }
  }
}
