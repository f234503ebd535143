package dev.arrowtap.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Java arrays ({@code Long[]}, {@code long[]}, {@code String[]}, ...) as SQL ARRAY parameters. */
final class JavaArrays {
  private static final Map<Class<?>, String> ELEMENT_TYPES =
      Map.ofEntries(
          Map.entry(Long.class, "BIGINT"),
          Map.entry(long.class, "BIGINT"),
          Map.entry(Integer.class, "INTEGER"),
          Map.entry(int.class, "INTEGER"),
          Map.entry(Short.class, "SMALLINT"),
          Map.entry(short.class, "SMALLINT"),
          Map.entry(Double.class, "DOUBLE"),
          Map.entry(double.class, "DOUBLE"),
          Map.entry(Float.class, "REAL"),
          Map.entry(float.class, "REAL"),
          Map.entry(Boolean.class, "BOOLEAN"),
          Map.entry(boolean.class, "BOOLEAN"),
          Map.entry(String.class, "VARCHAR"));

  private JavaArrays() {}

  /** The SQL array for a Java array of a supported element type, or null for anything else. */
  static Array toSqlArray(Connection connection, Object value) throws SQLException {
    if (value == null || !value.getClass().isArray()) {
      return null;
    }
    String type = ELEMENT_TYPES.get(value.getClass().getComponentType());
    if (type == null) {
      return null;
    }
    int length = java.lang.reflect.Array.getLength(value);
    Object[] elements = new Object[length];
    for (int i = 0; i < length; i++) {
      elements[i] = java.lang.reflect.Array.get(value, i);
    }
    return connection.createArrayOf(type, elements);
  }
}
