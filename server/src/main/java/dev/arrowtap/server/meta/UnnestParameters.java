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
 * Gives a bare array parameter its type: in {@code x IN (SELECT * FROM UNNEST(?))} Calcite cannot
 * tell what {@code ?} holds and refuses the statement. The element type is the type of {@code x}
 * (found by preparing {@code x = ?} instead), so the parameter becomes {@code CAST(? AS type
 * ARRAY)}, which is what a user would otherwise have to write.
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

  private UnnestParameters() {}

  /**
   * The statement with each bare {@code UNNEST(?)} typed, or {@code sql} itself when it has none.
   */
  static String typed(Connection connection, String sql) {
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
