package dev.arrowtap.server.meta;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code x = ANY(?)} as {@code x IN (SELECT * FROM UNNEST(?))}, and gives a bare array
 * parameter its type: in {@code x IN (SELECT * FROM UNNEST(?))} Calcite cannot tell what {@code ?}
 * holds and refuses the statement. The element type is the type of {@code x} (found by preparing
 * {@code x = ?} instead), so the parameter becomes {@code CAST(? AS type ARRAY)}, which is what a
 * user would otherwise have to write.
 */
final class UnnestParameters {
  private static final String NAME = "(?:\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)";

  private static final Pattern BARE =
      Pattern.compile(
          "("
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")*)(\\s+(?:NOT\\s+)?IN\\s*\\(\\s*SELECT\\s+\\*\\s+FROM\\s+UNNEST\\s*\\(\\s*)\\?"
              + "(\\s*\\)\\s*\\))",
          Pattern.CASE_INSENSITIVE);

  /**
   * {@code x = ANY(?)} (or {@code SOME}) and {@code x <> ALL(?)}, PostgreSQL's way to test
   * membership in an array parameter. Calcite 1.42 types a bare {@code ?} there as one value of x's
   * type (the array then fails to bind), and evaluates {@code = ANY(CAST(? AS BIGINT ARRAY))} as a
   * filter over the whole feed; the UNNEST form means the same and reaches the lookups.
   */
  private static final Pattern QUANTIFIED =
      Pattern.compile(
          "("
              + NAME
              + "(?:\\s*\\.\\s*"
              + NAME
              + ")*)\\s*(=\\s*(?:ANY|SOME)|<>\\s*ALL|!=\\s*ALL)\\s*\\(\\s*"
              + "(\\?|CAST\\s*\\(\\s*\\?\\s+AS\\s+[A-Za-z_][A-Za-z0-9_ ]*?\\s+ARRAY\\s*\\))"
              + "\\s*\\)",
          Pattern.CASE_INSENSITIVE);

  private UnnestParameters() {}

  /**
   * The statement with each {@code x = ANY(?)} written as {@code x IN (SELECT * FROM UNNEST(?))}.
   */
  static String quantifiedAsUnnest(String sql) {
    Matcher matcher = QUANTIFIED.matcher(sql);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      if (insideQuotes(sql, matcher.start())) {
        continue;
      }
      boolean all = !matcher.group(2).startsWith("=");
      out.append(sql, last, matcher.start())
          .append(matcher.group(1))
          .append(all ? " NOT IN" : " IN")
          .append(" (SELECT * FROM UNNEST(")
          .append(matcher.group(3))
          .append("))");
      last = matcher.end();
    }
    return last == 0 ? sql : out.append(sql.substring(last)).toString();
  }

  private static boolean insideQuotes(String sql, int end) {
    char quote = 0;
    for (int i = 0; i < end; i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      }
    }
    return quote != 0;
  }

  /**
   * The statement with each bare {@code UNNEST(?)} typed, or {@code sql} itself when it has none.
   */
  static String typed(Connection connection, String written) {
    String sql = quantifiedAsUnnest(written);
    Matcher matcher = BARE.matcher(sql);
    List<int[]> spans = new ArrayList<>();
    List<Integer> parameterIndexes = new ArrayList<>();
    StringBuilder probe = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      probe.append(sql, last, matcher.start()).append(matcher.group(1)).append(" = ?");
      parameterIndexes.add(parametersBefore(sql, matcher.start()) + 1);
      spans.add(new int[] {matcher.start(), matcher.end()});
      last = matcher.end();
    }
    if (spans.isEmpty()) {
      return sql;
    }
    probe.append(sql.substring(last));
    List<String> types = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(probe.toString())) {
      ParameterMetaData parameters = statement.getParameterMetaData();
      for (int index : parameterIndexes) {
        types.add(parameters.getParameterTypeName(index));
      }
    } catch (SQLException e) {
      // The statement has another problem: preparing it as written reports that one.
      return sql;
    }
    StringBuilder typed = new StringBuilder();
    matcher.reset();
    last = 0;
    int i = 0;
    while (matcher.find()) {
      typed
          .append(sql, last, matcher.start())
          .append(matcher.group(1))
          .append(matcher.group(2))
          .append("CAST(? AS ")
          .append(types.get(i++))
          .append(" ARRAY)")
          .append(matcher.group(3));
      last = matcher.end();
    }
    return typed.append(sql.substring(last)).toString();
  }

  /** How many {@code ?} parameters come before {@code end}, outside string literals and names. */
  private static int parametersBefore(String sql, int end) {
    int count = 0;
    char quote = 0;
    for (int i = 0; i < end; i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '?') {
        count++;
      }
    }
    return count;
  }
}
