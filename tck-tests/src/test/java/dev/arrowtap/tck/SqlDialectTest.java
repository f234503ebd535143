package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 8: SQL that users from PostgreSQL, MySQL and DuckDB type without thinking. */
class SqlDialectTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void moduloNotEqualAndCasts(Mode mode) throws SQLException {
    assertEquals(
        List.of("0|true|0", "1|true|1", "2|false|2", "0|true|3"),
        rows(
            mode,
            "SELECT number % 3, number != 2, number::varchar FROM numbers(0, 4) ORDER BY number"));
    assertEquals(List.of("42"), rows(mode, "SELECT '42'::bigint"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ilikeLimitOffsetAndGroupByAlias(Mode mode) throws SQLException {
    assertEquals(List.of("true|false"), rows(mode, "SELECT 'Abc' ILIKE 'a%', 'Abc' LIKE 'a%'"));
    assertEquals(
        List.of("3", "4"),
        rows(mode, "SELECT number FROM numbers(0, 10) ORDER BY number LIMIT 2 OFFSET 3"));
    assertEquals(
        List.of("0|4", "1|3", "2|3"),
        rows(
            mode,
            "SELECT number % 3 AS bucket, count(*) FROM numbers(0, 10) GROUP BY bucket ORDER BY 1"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postgresqlFunctions(Mode mode) throws SQLException {
    assertEquals(
        List.of("2024-05-01 00:00:00"),
        rows(mode, "SELECT date_trunc('month', TIMESTAMP '2024-05-06 10:11:12')"));
    // PostgreSQL's weeks start on Monday: Wednesday 8 May 2024 is in the week of Monday 6 May.
    assertEquals(
        List.of("2024-05-06 00:00:00"),
        rows(mode, "SELECT date_trunc('week', TIMESTAMP '2024-05-08 10:11:12')"));
    List<String> formatted =
        rows(mode, "SELECT to_char(TIMESTAMP '2024-05-06 10:11:12', 'YYYY-MM')");
    assertEquals(List.of("2024-05"), formatted);
    assertEquals(List.of("ab|cde"), rows(mode, "SELECT left('abc', 2), substr('abcde', 3)"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void jsonFunctionsOverJsonText(Mode mode) throws SQLException {
    assertEquals(
        List.of("1|[2,3]"),
        rows(
            mode,
            "SELECT JSON_VALUE(j, '$.a'), JSON_QUERY(j, '$.b')"
                + " FROM (VALUES ('{\"a\": 1, \"b\": [2, 3]}')) AS t(j)"));
  }

  private static List<String> rows(Mode mode, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection connection = mode.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    assertTrue(out.size() < 100);
    return out;
  }
}
