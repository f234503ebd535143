package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns every failure inside the engine into an error with an SQLState and a message a user can act
 * on, the same in embedded and remote mode.
 */
public final class MetaErrors {
  private MetaErrors() {}

  /**
   * Wraps a Meta so that each of its calls reports errors this way, and, on a server with a login,
   * is refused on a connection another user opened.
   */
  public static Meta wrap(Meta meta) {
    ConnectionOwners owners = new ConnectionOwners();
    return (Meta)
        Proxy.newProxyInstance(
            Meta.class.getClassLoader(),
            new Class<?>[] {Meta.class},
            (proxy, method, args) -> {
              owners.check(method.getName(), args);
              try {
                return method.invoke(meta, args);
              } catch (InvocationTargetException e) {
                throw translate(e.getCause());
              }
            });
  }

  /** The error to send to the client for a failure. */
  public static Throwable translate(Throwable failure) {
    if (failure instanceof NoSuchStatementException
        || failure instanceof NoSuchConnectionException
        || failure instanceof MissingResultsException
        || failure instanceof AvaticaRuntimeException) {
      // Avatica's client reacts to these by type (re-preparing a statement, for example).
      return failure;
    }
    Optional<ArrowtapException> user = userError(failure);
    if (user.isPresent()) {
      return error(user.get().getMessage(), user.get().sqlState());
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SqlParseException parse) {
        return error(
            "syntax error: " + firstLine(parse.getMessage()) + reservedWordHint(parse.getMessage()),
            SqlStates.SYNTAX_OR_ACCESS_RULE);
      }
      if (cause instanceof CalciteContextException context) {
        return error(context.getMessage(), classify(context.getCause()));
      }
    }
    Optional<AvaticaRuntimeException> argument = badArgument(failure);
    if (argument.isPresent()) {
      return argument.get();
    }
    Optional<String> overflow = overflow(failure);
    if (overflow.isPresent()) {
      return error(overflow.get(), SqlStates.NUMERIC_OUT_OF_RANGE);
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return error(sql.getMessage(), sql.getSQLState());
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return error("internal error: " + root, SqlStates.INTERNAL);
  }

  /**
   * The arrowtap error behind a failure, searching causes and suppressed exceptions (Calcite
   * attaches a failure while generating code as suppressed, not as the cause).
   */
  public static Optional<ArrowtapException> userError(Throwable failure) {
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable next = todo.poll();
      if (next == null || !seen.add(next)) {
        continue;
      }
      if (next instanceof ArrowtapException user) {
        return Optional.of(user);
      }
      if (next.getCause() != null) {
        todo.add(next.getCause());
      }
      todo.addAll(List.of(next.getSuppressed()));
    }
    return Optional.empty();
  }

  /**
   * Checked integer arithmetic failing ({@code Math.addExact} and the like) anywhere in the chain,
   * also when it failed in a generated class's static initializer (constants are computed there),
   * which the JVM later reports only by message.
   */
  private static Optional<String> overflow(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof ArithmeticException
          || (cause instanceof LinkageError && message.contains("java.lang.ArithmeticException"))) {
        String what =
            message.contains("integer overflow")
                ? "an INTEGER result"
                : message.contains("long overflow") ? "a BIGINT result" : "an exact result";
        return Optional.of(
            "numeric value out of range: "
                + what
                + " does not fit its type ("
                + (cause instanceof ArithmeticException ? message : "overflow")
                + "); cast an operand to DECIMAL(38, 0) for a wider exact result");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  private static final Pattern NUMBER_TEXT = Pattern.compile("For input string: \"([^\"]*)\"");

  /**
   * Functions given an argument they cannot take, found by the message of Calcite's or the JDK's
   * exception (constants are computed in a generated class's static initializer, so only the
   * message may be left): the logarithm of zero, division by zero, a text cast to a number, an
   * invalid LIKE escape.
   */
  private static Optional<AvaticaRuntimeException> badArgument(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Cannot take logarithm of zero or negative number")) {
        return Optional.of(
            error(
                "cannot take the logarithm of zero or a negative number",
                SqlStates.INVALID_ARGUMENT_FOR_LOGARITHM));
      }
      if (message.contains("division by zero")
          || message.contains("Division by zero")
          || message.contains("/ by zero")) {
        return Optional.of(error("division by zero", SqlStates.DIVISION_BY_ZERO));
      }
      if (message.contains("Invalid escape sequence")) {
        return Optional.of(
            error(
                "invalid escape sequence in a LIKE pattern ("
                    + message.substring(message.indexOf("Invalid escape sequence"))
                    + "): the escape character may stand only before %, _ or itself",
                SqlStates.INVALID_ESCAPE_SEQUENCE));
      }
      Matcher text = NUMBER_TEXT.matcher(message);
      if (text.find()) {
        String value = text.group(1);
        return Optional.of(
            value.trim().matches("[+-]?[0-9]+")
                ? error(
                    "numeric value out of range: '" + value + "' does not fit the integer type",
                    SqlStates.NUMERIC_OUT_OF_RANGE)
                : error(
                    "invalid number: '" + value + "' is not a number of the target type",
                    SqlStates.INVALID_CHARACTER_VALUE));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  private static String classify(Throwable validatorError) {
    if (validatorError instanceof SqlValidatorException validator) {
      String message = String.valueOf(validator.getMessage());
      if (message.contains("not found") || message.startsWith("No match found")) {
        return SqlStates.UNDEFINED_OBJECT;
      }
    }
    return SqlStates.SYNTAX_OR_ACCESS_RULE;
  }

  /** Words that, when unexpected, are a misplaced clause rather than a name. */
  private static final Set<String> CLAUSE_WORDS =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "GROUP",
          "ORDER",
          "BY",
          "JOIN",
          "ON",
          "AND",
          "OR",
          "AS",
          "LIMIT",
          "HAVING",
          "UNION",
          "VALUES",
          "NOT",
          "NULL",
          "IN",
          "IS",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "OFFSET",
          "FETCH",
          "WITH",
          "DISTINCT",
          "ALL",
          "INNER",
          "LEFT",
          "RIGHT",
          "OUTER",
          "FULL",
          "CROSS",
          "EXCEPT",
          "INTERSECT");

  private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"([^\"]*)\"");

  /**
   * A table or column named after a reserved word ({@code rows}, {@code search}, {@code user}) is a
   * common surprise with JSON APIs; the hint says how to write it.
   */
  private static String reservedWordHint(String message) {
    Matcher matcher = ENCOUNTERED.matcher(String.valueOf(message));
    if (!matcher.find()) {
      return "";
    }
    SqlAbstractParserImpl.Metadata words =
        SqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
    for (String token : matcher.group(1).split("[^A-Za-z_]+", -1)) {
      String upper = token.toUpperCase(Locale.ROOT);
      if (!token.isEmpty() && words.isReservedWord(upper) && !CLAUSE_WORDS.contains(upper)) {
        return " (" + token + " is a reserved word; as a name it needs quotes: \"" + token + "\")";
      }
    }
    return "";
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static AvaticaRuntimeException error(String message, String sqlState) {
    return new AvaticaRuntimeException(message, -1, sqlState, AvaticaSeverity.ERROR);
  }
}
