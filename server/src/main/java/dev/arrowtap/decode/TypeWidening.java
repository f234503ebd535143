package dev.arrowtap.decode;

import dev.arrowtap.types.ColumnType;

/** The common type of two inferred types, so that every sampled value of a field fits. */
final class TypeWidening {
  private TypeWidening() {}

  /** The narrowest type holding values of both; null stands for "no value seen yet". */
  static ColumnType widen(ColumnType a, ColumnType b) {
    if (a == null || a == b) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a == ColumnType.VARCHAR || b == ColumnType.VARCHAR) {
      return ColumnType.VARCHAR; // anything with a string is a string
    }
    if (isNumber(a) && isNumber(b)) {
      // DOUBLE wins: a fraction cannot be kept exactly in a DECIMAL(38,0).
      return a == ColumnType.DOUBLE || b == ColumnType.DOUBLE
          ? ColumnType.DOUBLE
          : ColumnType.DECIMAL;
    }
    if (isTime(a) && isTime(b)) {
      return ColumnType.TIMESTAMP;
    }
    if (a == ColumnType.JSON || b == ColumnType.JSON) {
      // Numbers and booleans are JSON values too, so a JSON column shows them faithfully.
      return isTime(a) || isTime(b) ? ColumnType.VARCHAR : ColumnType.JSON;
    }
    return ColumnType.VARCHAR;
  }

  private static boolean isNumber(ColumnType type) {
    return type == ColumnType.BIGINT || type == ColumnType.DOUBLE || type == ColumnType.DECIMAL;
  }

  private static boolean isTime(ColumnType type) {
    return type == ColumnType.DATE || type == ColumnType.TIMESTAMP;
  }
}
