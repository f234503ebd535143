package dev.arrowtap.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8: every DatabaseMetaData call a crawler makes (SchemaCrawler's maximum crawl calls them
 * all), then a pandas-style session. Each call answers, or fails with an SQLException that has an
 * SQLState; none throws an unchecked exception, and every result can be read to its end.
 */
class ToolReplayTest {
  private static final DemoFeeds DEMO = DemoFeeds.INSTANCE;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyMetadataCallAnswersOrFailsCleanly(Mode mode) throws Exception {
    List<String> problems = new ArrayList<>();
    int calls = 0;
    try (Connection connection = DEMO.connect(mode)) {
      DatabaseMetaData md = connection.getMetaData();
      Method[] methods = DatabaseMetaData.class.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::toString));
      for (Method method : methods) {
        if (Modifier.isStatic(method.getModifiers())
            || method.getDeclaringClass() != DatabaseMetaData.class
            || method.getName().equals("getConnection")) {
          continue;
        }
        for (Object[] args : argumentsFor(method)) {
          calls++;
          try {
            Object result = method.invoke(md, args);
            if (result instanceof ResultSet rs) {
              readAll(rs);
            }
          } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof SQLException sql) || sql.getSQLState() == null) {
              if (!(cause instanceof java.sql.SQLFeatureNotSupportedException)) {
                problems.add(method.getName() + Arrays.toString(args) + ": " + cause);
              }
            }
          }
        }
      }
    }
    assertTrue(calls > 150, "calls " + calls);
    assertEquals(List.of(), problems);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPandasSessionConnectsReadsAndCommits(Mode mode) throws SQLException {
    try (Connection connection = DEMO.connect(mode)) {
      connection.setAutoCommit(false); // JayDeBeApi's DB-API connection
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT city, count(*) AS users FROM demo.users WHERE active = ? GROUP BY city"
                  + " ORDER BY users DESC, city")) {
        statement.setBoolean(1, true);
        try (ResultSet rs = statement.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          assertEquals("city", md.getColumnLabel(1));
          assertEquals("users", md.getColumnLabel(2));
          long total = 0;
          while (rs.next()) {
            total += rs.getLong(2);
          }
          assertTrue(total > 0 && total <= 250, "active users " + total);
        }
      }
      connection.commit();
      connection.rollback();
    }
  }

  /** A few argument lists per method: nulls, "%" patterns, and the demo's own names. */
  private static List<Object[]> argumentsFor(Method method) {
    List<Object[]> lists = new ArrayList<>();
    for (String text : new String[] {null, "%", "users"}) {
      Class<?>[] types = method.getParameterTypes();
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        args[i] = value(types[i], text, i);
      }
      lists.add(args);
      if (types.length == 0) {
        break;
      }
    }
    return lists;
  }

  private static Object value(Class<?> type, String text, int index) {
    if (type == String.class) {
      // Catalog arguments stay null: tables have none.
      return index == 0 ? null : text;
    }
    if (type == int.class) {
      return switch (index) {
        case 0 -> java.sql.ResultSet.TYPE_FORWARD_ONLY;
        default -> java.sql.ResultSet.CONCUR_READ_ONLY;
      };
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == String[].class || type == int[].class) {
      return null;
    }
    if (type == Class.class) {
      return DatabaseMetaData.class;
    }
    return null;
  }

  private static void readAll(ResultSet rs) throws SQLException {
    try (rs) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
    }
  }
}
