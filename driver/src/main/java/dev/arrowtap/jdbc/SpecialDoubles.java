package dev.arrowtap.jdbc;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * Turns {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} in DOUBLE, FLOAT and REAL columns
 * back into doubles. JSON has no such numbers, so Avatica's JSON wire writes them as strings, and
 * its accessors then fail with a ClassCastException on {@code getObject} and {@code getDouble}.
 */
final class SpecialDoubles {
  private SpecialDoubles() {}

  /** The ordinals of the approximate numeric columns; empty when there are none. */
  static int[] approximateColumns(List<ColumnMetaData> columns) {
    return IntStream.range(0, columns.size())
        .filter(i -> isApproximate(columns.get(i).type.id))
        .toArray();
  }

  private static boolean isApproximate(int type) {
    return type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL;
  }

  /** The rows, with the strings in the given columns replaced by their double values. */
  static Iterable<Object> restore(Iterable<Object> rows, int[] columns) {
    if (columns.length == 0) {
      return rows;
    }
    return () -> {
      Iterator<Object> source = rows.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return source.hasNext();
        }

        @Override
        public Object next() {
          return restore(source.next(), columns);
        }
      };
    };
  }

  @SuppressWarnings("unchecked")
  private static Object restore(Object row, int[] columns) {
    if (row instanceof Object[] array) {
      for (int column : columns) {
        if (array[column] instanceof String text) {
          array[column] = parse(text);
        }
      }
    } else if (row instanceof List<?> list) {
      List<Object> values = (List<Object>) list;
      for (int column : columns) {
        if (values.get(column) instanceof String text) {
          if (!(values instanceof ArrayList)) {
            values = new ArrayList<>(values);
          }
          values.set(column, parse(text));
        }
      }
      return values;
    }
    return row;
  }

  private static Object parse(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> text;
    };
  }
}
