package dev.arrowtap.spark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;

/**
 * Reads Spark's {@code col op literal} predicates ({@code =}, {@code <}, {@code <=}, {@code >},
 * {@code >=}) as the column, the operator with the column on the left, and the literal in the form
 * arrowtap's filters take: a String, a BigDecimal, a Boolean, a LocalDate or an Instant.
 */
final class RangePredicates {
  private RangePredicates() {}

  /** A column compared with one value. */
  record Comparison(String column, String op, Object value) {}

  static Optional<Comparison> comparison(Predicate predicate) {
    Expression[] children = predicate.children();
    String op = predicate.name();
    if (children.length != 2 || !isComparison(op)) {
      return Optional.empty();
    }
    boolean swapped = children[0] instanceof Literal<?>;
    Expression reference = swapped ? children[1] : children[0];
    Expression literal = swapped ? children[0] : children[1];
    if (!(reference instanceof NamedReference named) || named.fieldNames().length != 1) {
      return Optional.empty();
    }
    String column = named.fieldNames()[0];
    String flipped = swapped ? flip(op) : op;
    return value(literal).map(value -> new Comparison(column, flipped, value));
  }

  private static boolean isComparison(String op) {
    return switch (op) {
      case "=", "<", "<=", ">", ">=" -> true;
      default -> false;
    };
  }

  /** {@code 5 < x} is {@code x > 5}. */
  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static Optional<Object> value(Expression expression) {
    if (!(expression instanceof Literal<?> literal) || literal.value() == null) {
      return Optional.empty();
    }
    DataType type = literal.dataType();
    Object value = literal.value();
    if (type == DataTypes.LongType
        || type == DataTypes.IntegerType
        || type == DataTypes.ShortType
        || type == DataTypes.ByteType) {
      return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (type instanceof DecimalType && value instanceof Decimal decimal) {
      return Optional.of(decimal.toJavaBigDecimal());
    }
    if (type == DataTypes.StringType) {
      return Optional.of(value.toString());
    }
    if (type == DataTypes.BooleanType) {
      return Optional.of(value);
    }
    if (type == DataTypes.DateType) {
      // Spark writes a DATE literal as days since 1970-01-01.
      return Optional.of(LocalDate.ofEpochDay(((Number) value).longValue()));
    }
    if (type == DataTypes.TimestampType || type == DataTypes.TimestampNTZType) {
      // Microseconds since the epoch, in UTC (arrowtap's timestamps are UTC).
      return Optional.of(Instant.EPOCH.plus(((Number) value).longValue(), ChronoUnit.MICROS));
    }
    // Floating literals stay with Spark: their text may not be the value the API compares.
    return Optional.empty();
  }
}
