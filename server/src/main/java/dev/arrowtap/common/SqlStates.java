package dev.arrowtap.common;

/** The SQLState codes arrowtap reports, named after what went wrong. */
public final class SqlStates {
  /** A function argument out of its domain (SQL standard class 22, data exception). */
  public static final String INVALID_ARGUMENT = "22023";

  /** A NULL where a value is required. */
  public static final String NULL_NOT_ALLOWED = "22004";

  /** An integer or decimal result outside its type's range (checked arithmetic). */
  public static final String NUMERIC_OUT_OF_RANGE = "22003";

  /** Division by zero. */
  public static final String DIVISION_BY_ZERO = "22012";

  /** A LIKE pattern with an escape character before something it cannot escape. */
  public static final String INVALID_ESCAPE_SEQUENCE = "22025";

  /** The logarithm of zero or a negative number. */
  public static final String INVALID_ARGUMENT_FOR_LOGARITHM = "2201E";

  /** A parameter or value that cannot be read as the type it must have ("12x" as a BIGINT). */
  public static final String INVALID_CHARACTER_VALUE = "22018";

  /** A statement kind arrowtap does not offer (DDL). */
  public static final String FEATURE_NOT_SUPPORTED = "0A000";

  /** A statement that would write to a read-only source (INSERT, UPDATE, DELETE, SET). */
  public static final String READ_ONLY = "25006";

  /** A statement that does not parse or does not validate. */
  public static final String SYNTAX_OR_ACCESS_RULE = "42000";

  /** A table, schema or function that does not exist. */
  public static final String UNDEFINED_OBJECT = "42704";

  /** A query stopped by cancel or timeout. */
  public static final String QUERY_CANCELED = "57014";

  /** A query ended because the server is shutting down (as PostgreSQL's admin_shutdown). */
  public static final String ADMIN_SHUTDOWN = "57P01";

  /** A connection property that is unknown or not allowed. */
  public static final String INVALID_CONNECTION_PROPERTY = "08001";

  /** A feed that answered with an error or could not be reached. */
  public static final String FEED_UNAVAILABLE = "08006";

  /** A feed whose body is not the JSON the catalog describes. */
  public static final String FEED_BAD_DATA = "22P02";

  /** A feed that passed a safety cap ({@code limits.max_pages}, {@code limits.max_rows}). */
  public static final String CAP_REACHED = "54000";

  /** A catalog file that does not validate. */
  public static final String BAD_CATALOG = "F0000";

  /** A host not on the allowlist, or a credential that is missing. */
  public static final String NOT_PERMITTED = "42501";

  /** A query that needs more memory than its limit, or than the server can spare. */
  public static final String OUT_OF_MEMORY = "53200";

  /** A safety cap reached: pages, rows, inference bytes, inferred columns. */
  public static final String PROGRAM_LIMIT = "54000";

  /** Anything unforeseen: a bug in arrowtap. */
  public static final String INTERNAL = "XX000";

  private SqlStates() {}
}
