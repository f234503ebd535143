package dev.arrowtap.server.meta;

import dev.arrowtap.common.ArrowtapException;
import dev.arrowtap.common.SqlStates;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses the statements a read-only engine does not run, by their first word, with a short message
 * and a feature SQLState: writes are 25006, DDL and session statements 0A000. Calcite would
 * otherwise fail while planning (XX000 with a plan dump of several kilobytes) or report a syntax
 * error for valid SQL.
 */
final class ReadOnlyStatements {
  /** The first word, after blanks, comments and opening parentheses. */
  private static final Pattern FIRST_WORD =
      Pattern.compile("(?:\\s|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/|\\()*([A-Za-z]+)", Pattern.DOTALL);

  private ReadOnlyStatements() {}

  /** Throws for a statement arrowtap does not run; returns for anything else. */
  static void check(String sql) {
    Matcher matcher = FIRST_WORD.matcher(sql);
    if (!matcher.lookingAt()) {
      return;
    }
    String word = matcher.group(1).toUpperCase(Locale.ROOT);
    switch (word) {
      case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE" ->
          throw new ArrowtapException(
              SqlStates.READ_ONLY,
              word + " is not supported: arrowtap is read-only; feeds are read with SELECT");
      case "CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "COMMENT", "RENAME" ->
          throw new ArrowtapException(
              SqlStates.FEATURE_NOT_SUPPORTED,
              word + " is not supported: tables are declared in the catalog file");
      case "SET", "RESET" ->
          throw new ArrowtapException(
              SqlStates.FEATURE_NOT_SUPPORTED,
              word
                  + " is not supported: session settings are connection properties"
                  + " (jdbc:arrowtap:push_aggregates=false, for example)");
      default -> {
        // A query: the engine plans it.
      }
    }
  }
}
