package dev.arrowtap.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a script into statements at semicolons outside quotes and comments. */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        current.append(c);
      } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
        current.append('\n');
      } else if (c == ';') {
        add(statements, current);
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder text) {
    String sql = text.toString().trim();
    if (!sql.isEmpty()) {
      statements.add(sql);
    }
  }
}
