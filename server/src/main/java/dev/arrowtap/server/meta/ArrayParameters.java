package dev.arrowtap.server.meta;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Lets arrays through Avatica both ways. Parameters: Avatica hands a bound array to the statement
 * as a {@link java.sql.Array}, but Calcite's generated code reads arrays as lists, so they are
 * converted as they are set ({@code WHERE id IN (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY)))}),
 * each element to the parameter's element type. Results: Avatica reads an ARRAY column through
 * {@code Array.getResultSet()} expecting an index and a value column, which Calcite's arrays do not
 * have; see {@link ArrayResults}.
 */
final class ArrayParameters {
  private ArrayParameters() {}

  static Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(connection, method, args);
              if (result instanceof PreparedStatement statement
                  && method.getName().equals("prepareStatement")) {
                return statement(statement);
              }
              if (result instanceof Statement statement
                  && method.getName().equals("createStatement")) {
                return plainStatement(statement);
              }
              return result;
            });
  }

  private static PreparedStatement statement(PreparedStatement statement) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("setObject") && ExactTimes.bind(statement, args)) {
                return null;
              }
              if ((name.equals("setObject") || name.equals("setArray"))
                  && args != null
                  && args.length >= 2
                  && args[1] instanceof Array array) {
                int index = (Integer) args[0];
                String type = statement.getParameterMetaData().getParameterTypeName(index);
                statement.setObject(
                    index, BoundParameters.elements(index, (Object[]) array.getArray(), type));
                return null;
              }
              return ArrayResults.wrap(ExactTimes.results(invoke(statement, method, args)));
            });
  }

  private static Statement plainStatement(Statement statement) {
    return (Statement)
        Proxy.newProxyInstance(
            Statement.class.getClassLoader(),
            new Class<?>[] {Statement.class},
            (proxy, method, args) ->
                ArrayResults.wrap(ExactTimes.results(invoke(statement, method, args))));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
