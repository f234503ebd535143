package dev.arrowtap.server.meta;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;

/**
 * Result sets with ARRAY columns, made readable by Avatica: their arrays refuse {@code
 * getResultSet()}, so Avatica falls back to {@code getArray()}, which Calcite's arrays answer. A
 * result without ARRAY columns is returned as it is, so ordinary results pay nothing.
 */
final class ArrayResults {
  private ArrayResults() {}

  /** {@code value} itself, or a result set whose arrays Avatica can read. */
  static Object wrap(Object value) throws SQLException {
    if (!(value instanceof ResultSet resultSet) || !hasArrayColumn(resultSet.getMetaData())) {
      return value;
    }
    return Proxy.newProxyInstance(
        ResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          Object result = invoke(resultSet, method, args);
          return result instanceof Array array ? array(array) : result;
        });
  }

  private static boolean hasArrayColumn(ResultSetMetaData metaData) throws SQLException {
    if (metaData == null) {
      return false;
    }
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      if (metaData.getColumnType(i) == Types.ARRAY) {
        return true;
      }
    }
    return false;
  }

  private static Array array(Array array) {
    return (Array)
        Proxy.newProxyInstance(
            Array.class.getClassLoader(),
            new Class<?>[] {Array.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getResultSet")) {
                throw new SQLFeatureNotSupportedException("read the array with getArray()");
              }
              return invoke(array, method, args);
            });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
