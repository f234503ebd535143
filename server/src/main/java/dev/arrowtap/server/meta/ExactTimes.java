package dev.arrowtap.server.meta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * DATE, TIME and TIMESTAMP values between Avatica and the engine, exactly, whatever the JVM's time
 * zone. Both sides carry these as wall-clock numbers (days, milliseconds); Avatica's {@code
 * JdbcMeta} would pass them through {@code java.sql} objects and the server JVM's default zone,
 * which shifts them by its offset and cannot hold the wall-clock times a daylight-saving gap skips.
 * Parameters travel past it in a wrapper and go into the engine's statement as they came; results
 * are read as their numbers.
 */
final class ExactTimes {
  private static final VarHandle SLOTS;

  static {
    try {
      SLOTS =
          MethodHandles.privateLookupIn(AvaticaPreparedStatement.class, MethodHandles.lookup())
              .findVarHandle(AvaticaPreparedStatement.class, "slots", TypedValue[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ExactTimes() {}

  /** A parameter value kept out of Avatica's calendar conversions. */
  private record Carried(TypedValue value) {}

  /** The parameters, with each DATE, TIME and TIMESTAMP value wrapped to pass JdbcMeta intact. */
  static List<TypedValue> carry(List<TypedValue> parameters) {
    if (parameters == null) {
      return null;
    }
    List<TypedValue> carried = new ArrayList<>(parameters.size());
    for (TypedValue value : parameters) {
      carried.add(
          value != null && value.value != null && isTime(value.type)
              ? TypedValue.ofLocal(ColumnMetaData.Rep.OBJECT, new Carried(value))
              : value);
    }
    return carried;
  }

  private static boolean isTime(ColumnMetaData.Rep rep) {
    return rep == ColumnMetaData.Rep.JAVA_SQL_DATE
        || rep == ColumnMetaData.Rep.JAVA_SQL_TIME
        || rep == ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP;
  }

  /** Binds a carried value straight into the engine's statement; false for any other value. */
  static boolean bind(PreparedStatement statement, Object[] args) throws SQLException {
    if (args == null || args.length != 2 || !(args[1] instanceof Carried carried)) {
      return false;
    }
    int index = (Integer) args[0];
    AvaticaPreparedStatement engine = statement.unwrap(AvaticaPreparedStatement.class);
    TypedValue[] slots = (TypedValue[]) SLOTS.get(engine);
    if (index < 1 || index > slots.length) {
      throw new SQLException("parameter index " + index + " out of range 1.." + slots.length);
    }
    slots[index - 1] = carried.value();
    return true;
  }

  /** {@code value} itself, or a result set whose time columns read as exact numbers. */
  static Object results(Object value) throws SQLException {
    if (!(value instanceof ResultSet resultSet) || !hasTimeColumn(resultSet.getMetaData())) {
      return value;
    }
    return Proxy.newProxyInstance(
        ResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          if (args != null && args.length == 2 && args[0] instanceof Integer column) {
            Maker<?> maker =
                switch (method.getName()) {
                  case "getTimestamp" -> Timestamp::new;
                  case "getDate" -> Date::new;
                  case "getTime" -> Time::new;
                  default -> null;
                };
            if (maker != null) {
              return millis(resultSet, column, maker);
            }
          }
          return invoke(resultSet, method, args);
        });
  }

  /**
   * The column's number as a java.sql value whose {@code getTime()} is the wall clock in UTC, which
   * is what JdbcMeta reads from it (days for DATE are turned back into milliseconds).
   */
  private static <T> T millis(ResultSet resultSet, int column, Maker<T> maker) throws SQLException {
    long number = resultSet.getLong(column);
    if (resultSet.wasNull()) {
      return null;
    }
    boolean days = resultSet.getMetaData().getColumnType(column) == Types.DATE;
    return maker.make(days ? number * 86_400_000L : number);
  }

  private static boolean hasTimeColumn(ResultSetMetaData metaData) throws SQLException {
    if (metaData == null) {
      return false;
    }
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      int type = metaData.getColumnType(i);
      if (type == Types.DATE || type == Types.TIME || type == Types.TIMESTAMP) {
        return true;
      }
    }
    return false;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Makes a java.sql time value from milliseconds. */
  @FunctionalInterface
  private interface Maker<T> {
    T make(long millis);
  }
}
