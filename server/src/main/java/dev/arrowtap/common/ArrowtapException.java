package dev.arrowtap.common;

import java.sql.SQLException;
import java.util.Objects;

/**
 * An error a user can act on, carrying its SQLState; unchecked so that it can cross Calcite's
 * enumerators, and turned into an {@link SQLException} at the JDBC boundary.
 */
public class ArrowtapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public ArrowtapException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  public ArrowtapException(String sqlState, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message is null"), cause);
    this.sqlState = Objects.requireNonNull(sqlState, "sqlState is null");
  }

  public String sqlState() {
    return sqlState;
  }

  public SQLException toSqlException() {
    return new SQLException(getMessage(), sqlState, this);
  }
}
