package dev.arrowtap.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads Spark's {@code col = literal} and {@code col IN (literals)} predicates as a column and the
 * values to request, as text: the form arrowtap's feed tables bind their parameters with.
 */
final class ParameterPredicates {
  private ParameterPredicates() {}

  /** A column compared with one or more values. */
  record Binding(String column, List<String> values) {}

  static Optional<Binding> binding(Predicate predicate) {
    Expression[] children = predicate.children();
    switch (predicate.name()) {
      case "=" -> {
        if (children.length != 2) {
          return Optional.empty();
        }
        boolean swapped = children[0] instanceof Literal<?>;
        Expression reference = swapped ? children[1] : children[0];
        Expression value = swapped ? children[0] : children[1];
        return column(reference)
            .flatMap(name -> text(value).map(text -> new Binding(name, List.of(text))));
      }
      case "IN" -> {
        if (children.length < 2) {
          return Optional.empty();
        }
        Optional<String> name = column(children[0]);
        Set<String> values = new LinkedHashSet<>();
        for (int i = 1; i < children.length; i++) {
          Optional<String> value = text(children[i]);
          if (value.isEmpty()) {
            return Optional.empty();
          }
          values.add(value.get());
        }
        return name.map(n -> new Binding(n, new ArrayList<>(values)));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<String> column(Expression expression) {
    if (expression instanceof NamedReference reference && reference.fieldNames().length == 1) {
      return Optional.of(reference.fieldNames()[0]);
    }
    return Optional.empty();
  }

  /** A non-null whole number or text literal as the text a request carries. */
  private static Optional<String> text(Expression expression) {
    if (!(expression instanceof Literal<?> literal) || literal.value() == null) {
      return Optional.empty();
    }
    if (literal.dataType() == DataTypes.LongType
        || literal.dataType() == DataTypes.IntegerType
        || literal.dataType() == DataTypes.ShortType
        || literal.dataType() == DataTypes.ByteType
        || literal.dataType() == DataTypes.StringType) {
      return Optional.of(literal.value().toString());
    }
    return Optional.empty();
  }
}
