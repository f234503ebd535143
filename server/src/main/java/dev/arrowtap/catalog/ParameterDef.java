package dev.arrowtap.catalog;

import dev.arrowtap.types.Column;
import dev.arrowtap.types.ColumnType;
import java.util.Objects;
import java.util.Optional;

/**
 * A request parameter of a feed, shown as a column: a query binds it with {@code WHERE name =
 * value} or {@code name IN (...)}, and each value becomes its own request (and task).
 *
 * @param inPath true when the URL holds {@code {name}}; false to send it as a query parameter
 * @param defaultValue the value when a query binds none; empty makes the parameter required unless
 *     it is optional
 * @param optional true when a query that binds no value sends no value (and the column is NULL)
 */
public record ParameterDef(
    String name, ColumnType type, boolean inPath, Optional<String> defaultValue, boolean optional) {
  public ParameterDef {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(defaultValue, "defaultValue is null");
    if (type != ColumnType.VARCHAR && type != ColumnType.BIGINT) {
      throw new IllegalArgumentException("a parameter is VARCHAR or BIGINT, not " + type);
    }
    if (optional && (inPath || defaultValue.isPresent())) {
      throw new IllegalArgumentException(
          "an optional parameter is a query parameter without a default");
    }
  }

  /** A parameter that is always sent: the query's value, else the default. */
  public ParameterDef(String name, ColumnType type, boolean inPath, Optional<String> defaultValue) {
    this(name, type, inPath, defaultValue, false);
  }

  public boolean required() {
    return !optional && defaultValue.isEmpty();
  }

  /** The column showing the value sent; NULL for an optional parameter the query left unbound. */
  public Column column() {
    return new Column(name, type, optional);
  }
}
