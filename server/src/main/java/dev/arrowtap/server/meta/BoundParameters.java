package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Converts each bound parameter to the type the engine gave its {@code ?}, by value, before the
 * statement runs. Calcite's generated code casts a parameter to its Java class and fails with a
 * ClassCastException (or compares a double with a DECIMAL by its binary fraction and finds
 * nothing); clients bind what their language has: pandas and Spring a double for a DECIMAL, jOOQ a
 * long for {@code LIMIT ?}, forms a string for a number or a date. A value that cannot be converted
 * exactly is refused with 22018 (or 22003 when it is out of range), naming the parameter.
 */
final class BoundParameters {
  private BoundParameters() {}

  /** The {@code java.sql.Types} of a statement's parameters, in order. */
  static List<Integer> types(ParameterMetaData parameters) throws SQLException {
    List<Integer> types = new ArrayList<>();
    for (int i = 1; i <= parameters.getParameterCount(); i++) {
      types.add(parameters.getParameterType(i));
    }
    return types;
  }

  /**
   * The parameters converted to the engine's types ({@code java.sql.Types}, in order); {@code
   * types} null leaves them as they are.
   */
  static List<TypedValue> convert(List<TypedValue> values, List<Integer> types) {
    if (values == null || types == null) {
      return values;
    }
    int count = Math.min(values.size(), types.size());
    List<TypedValue> out = new ArrayList<>(values);
    for (int i = 0; i < count; i++) {
      TypedValue value = values.get(i);
      if (value != null && value.value != null) {
        out.set(i, convert(i + 1, value, types.get(i)));
      }
    }
    return out;
  }

  /**
   * The elements of an array bound to a {@code ?} of type {@code arrayTypeName} ({@code BIGINT
   * ARRAY}), each converted to the element type by the same rules: {@code id = ANY(?)} takes its
   * element type from the column, so an INTEGER array works against a BIGINT column.
   */
  static List<Object> elements(int index, Object[] elements, String arrayTypeName) {
    List<Object> out = new ArrayList<>(elements.length);
    int elementType = elementType(arrayTypeName);
    for (Object element : elements) {
      if (element == null || elementType == Types.OTHER) {
        out.add(element);
      } else {
        Rep rep = Rep.of(element.getClass());
        out.add(convert(index, TypedValue.ofLocal(rep, element), elementType).toLocal());
      }
    }
    return out;
  }

  private static int elementType(String arrayTypeName) {
    if (arrayTypeName == null) {
      return Types.OTHER;
    }
    String name = arrayTypeName.trim().toUpperCase(Locale.ROOT);
    name = name.endsWith(" ARRAY") ? name.substring(0, name.length() - 6).trim() : name;
    int paren = name.indexOf('(');
    name = paren > 0 ? name.substring(0, paren).trim() : name;
    return switch (name) {
      case "BIGINT" -> Types.BIGINT;
      case "INTEGER" -> Types.INTEGER;
      case "SMALLINT" -> Types.SMALLINT;
      case "TINYINT" -> Types.TINYINT;
      case "DOUBLE" -> Types.DOUBLE;
      case "DECIMAL" -> Types.DECIMAL;
      case "BOOLEAN" -> Types.BOOLEAN;
      case "VARCHAR", "CHAR" -> Types.VARCHAR;
      default -> Types.OTHER;
    };
  }

  private static TypedValue convert(int index, TypedValue value, int sqlType) {
    Object local = value.toLocal();
    return switch (sqlType) {
      case Types.DECIMAL, Types.NUMERIC -> decimal(index, value, local);
      case Types.BIGINT ->
          TypedValue.ofLocal(
              Rep.LONG, whole(index, local, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT"));
      case Types.INTEGER ->
          TypedValue.ofLocal(
              Rep.INTEGER,
              (int) whole(index, local, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER"));
      case Types.SMALLINT ->
          TypedValue.ofLocal(
              Rep.SHORT, (short) whole(index, local, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT"));
      case Types.TINYINT ->
          TypedValue.ofLocal(
              Rep.BYTE, (byte) whole(index, local, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT"));
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> approximate(index, value, local);
      case Types.BOOLEAN -> bool(index, value, local);
      case Types.DATE, Types.TIMESTAMP, Types.TIME -> time(index, value, local, sqlType);
      case Types.VARCHAR, Types.CHAR ->
          local instanceof Number || local instanceof Boolean
              ? TypedValue.ofLocal(Rep.STRING, text(local))
              : value;
      default -> value;
    };
  }

  private static TypedValue decimal(int index, TypedValue value, Object local) {
    if (local instanceof BigDecimal) {
      return value;
    }
    BigDecimal decimal;
    if (local instanceof Double || local instanceof Float) {
      double d = ((Number) local).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw refused(index, local, "DECIMAL", SqlStates.NUMERIC_OUT_OF_RANGE);
      }
      // The shortest decimal form, the number the client wrote (272.34), not its binary
      // fraction (272.339999999999974988895...), so that equality finds the row.
      decimal = new BigDecimal(local.toString());
    } else if (local instanceof Number number) {
      decimal = BigDecimal.valueOf(number.longValue());
    } else if (local instanceof String s) {
      if (isSpecialDouble(s)) {
        throw refused(index, local, "DECIMAL", SqlStates.NUMERIC_OUT_OF_RANGE);
      }
      decimal = parseDecimal(index, s, "DECIMAL");
    } else {
      return value;
    }
    return TypedValue.ofLocal(Rep.NUMBER, decimal);
  }

  private static long whole(int index, Object local, long min, long max, String type) {
    BigDecimal exact;
    if (local instanceof Long
        || local instanceof Integer
        || local instanceof Short
        || local instanceof Byte) {
      exact = BigDecimal.valueOf(((Number) local).longValue());
    } else if (local instanceof Double || local instanceof Float) {
      double d = ((Number) local).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw refused(index, local, type, SqlStates.NUMERIC_OUT_OF_RANGE);
      }
      exact = new BigDecimal(local.toString());
    } else if (local instanceof BigDecimal decimal) {
      exact = decimal;
    } else if (local instanceof String s) {
      if (isSpecialDouble(s)) {
        throw refused(index, local, type, SqlStates.NUMERIC_OUT_OF_RANGE);
      }
      exact = parseDecimal(index, s, type);
    } else {
      throw refused(index, local, type, SqlStates.INVALID_CHARACTER_VALUE);
    }
    if (exact.stripTrailingZeros().scale() > 0) {
      throw refused(index, local, type, SqlStates.INVALID_CHARACTER_VALUE);
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0
        || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw refused(index, local, type, SqlStates.NUMERIC_OUT_OF_RANGE);
    }
    return exact.longValueExact();
  }

  private static TypedValue approximate(int index, TypedValue value, Object local) {
    if (local instanceof Double) {
      return value;
    }
    if (local instanceof Number number) {
      return TypedValue.ofLocal(Rep.DOUBLE, number.doubleValue());
    }
    if (local instanceof String s) {
      String text = s.trim();
      try {
        return TypedValue.ofLocal(
            Rep.DOUBLE,
            switch (text) {
              case "NaN" -> Double.NaN;
              case "Infinity" -> Double.POSITIVE_INFINITY;
              case "-Infinity" -> Double.NEGATIVE_INFINITY;
              default -> parseDecimal(index, text, "DOUBLE").doubleValue();
            });
      } catch (NumberFormatException e) {
        throw refused(index, local, "DOUBLE", SqlStates.INVALID_CHARACTER_VALUE);
      }
    }
    return value;
  }

  private static TypedValue bool(int index, TypedValue value, Object local) {
    if (local instanceof String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> TypedValue.ofLocal(Rep.BOOLEAN, true);
        case "false" -> TypedValue.ofLocal(Rep.BOOLEAN, false);
        default -> throw refused(index, local, "BOOLEAN", SqlStates.INVALID_CHARACTER_VALUE);
      };
    }
    return value;
  }

  /** A string as a DATE, TIME or TIMESTAMP number (days, milliseconds of the UTC wall clock). */
  private static TypedValue time(int index, TypedValue value, Object local, int sqlType) {
    if (!(local instanceof String s)) {
      return value;
    }
    String text = s.trim();
    try {
      return switch (sqlType) {
        case Types.DATE ->
            TypedValue.ofLocal(Rep.JAVA_SQL_DATE, (int) LocalDate.parse(text).toEpochDay());
        case Types.TIME ->
            TypedValue.ofLocal(
                Rep.JAVA_SQL_TIME, (int) (LocalTime.parse(text).toNanoOfDay() / 1_000_000));
        default ->
            TypedValue.ofLocal(
                Rep.JAVA_SQL_TIMESTAMP, timestamp(text).toInstant(ZoneOffset.UTC).toEpochMilli());
      };
    } catch (DateTimeParseException e) {
      String type = sqlType == Types.DATE ? "DATE" : sqlType == Types.TIME ? "TIME" : "TIMESTAMP";
      throw refused(index, local, type, SqlStates.INVALID_CHARACTER_VALUE);
    }
  }

  /**
   * {@code 2024-03-01 12:30:45.123}, the ISO form with a {@code T}, or either with an offset
   * ({@code Z}, {@code +02:00}), which is converted to UTC, arrowtap's TIMESTAMP rule.
   */
  private static LocalDateTime timestamp(String text) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
    if (iso.length() == 10) {
      return LocalDate.parse(iso).atStartOfDay();
    }
    try {
      return LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
  }

  /** NaN and the infinities, which the driver sends by name (JSON has no such numbers). */
  private static boolean isSpecialDouble(String text) {
    String trimmed = text.trim();
    return trimmed.equals("NaN") || trimmed.equals("Infinity") || trimmed.equals("-Infinity");
  }

  private static BigDecimal parseDecimal(int index, String text, String type) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw refused(index, text, type, SqlStates.INVALID_CHARACTER_VALUE);
    }
  }

  private static String text(Object local) {
    return local instanceof BigDecimal decimal ? decimal.toPlainString() : local.toString();
  }

  private static ArrowtapException refused(int index, Object value, String type, String state) {
    String shown = value instanceof String s ? "'" + abbreviate(s) + "'" : String.valueOf(value);
    String what =
        SqlStates.NUMERIC_OUT_OF_RANGE.equals(state)
            ? " is out of range for "
            : " cannot be read as ";
    return new ArrowtapException(
        state, "parameter " + index + ": " + shown + what + type + " (the type of its ?)");
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
