package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8: feed columns declared {@code array<varchar>} and {@code BIGINT ARRAY} are real SQL
 * arrays: metadata says ARRAY, CARDINALITY and UNNEST work, getArray reads them, both modes.
 */
class ArrayColumnsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void declaredArraysAreSqlArrays(Mode mode) throws SQLException {
    try (Connection connection = TypedFeeds.INSTANCE.connect(mode);
        Statement statement = connection.createStatement()) {
      try (ResultSet rs = connection.getMetaData().getColumns(null, "typed", "times", "nums")) {
        assertTrue(rs.next());
        assertEquals(Types.ARRAY, rs.getInt("DATA_TYPE"));
        assertEquals("BIGINT ARRAY", rs.getString("TYPE_NAME"));
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT id, CARDINALITY(tags), tags, nums FROM typed.times ORDER BY id")) {
        assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(3));
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(2));
        assertArrayEquals(new Object[] {"a", "b"}, (Object[]) rs.getArray(3).getArray());
        assertEquals(List.of(1L, 2L, 3L), longs(rs.getArray(4)));
        assertEquals(List.of(1L, 2L, 3L), longs((Array) rs.getObject(4)));
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(2));
        assertEquals(0, ((Object[]) rs.getArray(3).getArray()).length);
        assertEquals(List.of(10L), longs(rs.getArray(4)));
        assertTrue(rs.next());
        rs.getInt(2);
        assertTrue(rs.wasNull(), "CARDINALITY of a NULL array");
        assertNull(rs.getArray(3));
        assertEquals(Arrays.asList(7L, null), longs(rs.getArray(4)));
        assertFalse(rs.next());
      }
      List<String> pairs = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT t.id, u.n FROM typed.times AS t CROSS JOIN UNNEST(t.nums) AS u(n)"
                  + " WHERE u.n IS NOT NULL ORDER BY 1, 2")) {
        while (rs.next()) {
          pairs.add(rs.getLong(1) + ":" + rs.getLong(2));
        }
      }
      assertEquals(List.of("1:1", "1:2", "1:3", "2:10", "3:7"), pairs);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT id FROM typed.times WHERE CARDINALITY(nums) > 1 AND nums[1] < 5"
                  + " ORDER BY id")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      assertEquals(List.of(1L), ids);
    }
  }

  private static List<Long> longs(Array array) throws SQLException {
    List<Long> values = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      values.add(value == null ? null : ((Number) value).longValue());
    }
    return values;
  }
}
