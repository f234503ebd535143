package dev.arrowtap.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the two PostgreSQL forms Calcite's parser does not take into their standard spelling
 * before parsing: {@code x::type} becomes {@code CAST(x AS type)} and {@code date_trunc('unit', x)}
 * becomes {@code FLOOR(x TO unit)}. String literals, quoted names and comments are left alone.
 */
public final class PostgresSyntax {
  /** PostgreSQL's short type names, as Calcite spells them. */
  private static final Map<String, String> TYPE_NAMES =
      Map.ofEntries(
          Map.entry("int", "INTEGER"),
          Map.entry("int2", "SMALLINT"),
          Map.entry("int4", "INTEGER"),
          Map.entry("int8", "BIGINT"),
          Map.entry("float4", "REAL"),
          Map.entry("float8", "DOUBLE"),
          Map.entry("text", "VARCHAR"),
          Map.entry("string", "VARCHAR"),
          Map.entry("bool", "BOOLEAN"),
          Map.entry("numeric", "DECIMAL"));

  /** date_trunc units that FLOOR knows with the same meaning (PostgreSQL's weeks start Monday). */
  private static final Map<String, String> TRUNC_UNITS =
      Map.ofEntries(
          Map.entry("microseconds", "MICROSECOND"),
          Map.entry("milliseconds", "MILLISECOND"),
          Map.entry("second", "SECOND"),
          Map.entry("minute", "MINUTE"),
          Map.entry("hour", "HOUR"),
          Map.entry("day", "DAY"),
          Map.entry("week", "WEEK(MONDAY)"),
          Map.entry("month", "MONTH"),
          Map.entry("quarter", "QUARTER"),
          Map.entry("year", "YEAR"),
          Map.entry("decade", "DECADE"),
          Map.entry("century", "CENTURY"),
          Map.entry("millennium", "MILLENNIUM"));

  private static final Set<String> ARRAY_SUFFIX = Set.of("ARRAY");

  private PostgresSyntax() {}

  /** The statement with both forms rewritten; unchanged when it has neither. */
  public static String rewrite(String sql) {
    if (sql == null
        || (!sql.contains("::") && !sql.toLowerCase(Locale.ROOT).contains("date_trunc"))) {
      return sql;
    }
    String out = sql;
    for (int guard = 0; guard < 100; guard++) {
      String next = rewriteOne(out);
      if (next.equals(out)) {
        return out;
      }
      out = next;
    }
    return out;
  }

  /** Rewrites the first form found outside literals, or returns the text unchanged. */
  private static String rewriteOne(String sql) {
    boolean[] code = codeMask(sql);
    for (int i = 0; i < sql.length(); i++) {
      if (!code[i]) {
        continue;
      }
      if (i + 1 < sql.length() && sql.charAt(i) == ':' && sql.charAt(i + 1) == ':' && code[i + 1]) {
        String cast = cast(sql, code, i);
        if (cast != null) {
          return cast;
        }
      }
      if (startsWord(sql, code, i, "date_trunc")) {
        String trunc = dateTrunc(sql, code, i);
        if (trunc != null) {
          return trunc;
        }
      }
    }
    return sql;
  }

  private static String cast(String sql, boolean[] code, int at) {
    int start = operandStart(sql, code, at);
    if (start < 0) {
      return null;
    }
    int typeStart = skipSpaces(sql, at + 2);
    int typeEnd = word(sql, typeStart);
    if (typeEnd == typeStart) {
      return null;
    }
    String word = sql.substring(typeStart, typeEnd);
    String type = TYPE_NAMES.getOrDefault(word.toLowerCase(Locale.ROOT), word);
    int end = typeEnd;
    int afterSpaces = skipSpaces(sql, end);
    if (afterSpaces < sql.length() && sql.charAt(afterSpaces) == '(') {
      int close = sql.indexOf(')', afterSpaces);
      if (close < 0) {
        return null;
      }
      type += sql.substring(afterSpaces, close + 1);
      end = close + 1;
    }
    int suffixStart = skipSpaces(sql, end);
    int suffixEnd = word(sql, suffixStart);
    if (ARRAY_SUFFIX.contains(sql.substring(suffixStart, suffixEnd).toUpperCase(Locale.ROOT))) {
      type += " ARRAY";
      end = suffixEnd;
    } else if (sql.startsWith("[]", end)) {
      type += " ARRAY";
      end += 2;
    }
    String operand = sql.substring(start, at).trim();
    return sql.substring(0, start) + "CAST(" + operand + " AS " + type + ")" + sql.substring(end);
  }

  /** Where the operand before {@code ::} starts: a name, number, literal or parenthesised group. */
  private static int operandStart(String sql, boolean[] code, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return -1;
    }
    char c = sql.charAt(i);
    if (c == ')' && code[i]) {
      int depth = 0;
      for (; i >= 0; i--) {
        if (!code[i]) {
          continue;
        }
        if (sql.charAt(i) == ')') {
          depth++;
        } else if (sql.charAt(i) == '(' && --depth == 0) {
          break;
        }
      }
      if (i < 0) {
        return -1;
      }
      // A function call: include its name.
      int name = i;
      while (name > 0 && isNameChar(sql.charAt(name - 1))) {
        name--;
      }
      return name;
    }
    if (c == '?') {
      return i;
    }
    if (c == '\'') {
      while (i > 0 && !code[i - 1]) {
        i--;
      }
      return i;
    }
    while (i >= 0 && (isNameChar(sql.charAt(i)) || sql.charAt(i) == '.' || !code[i])) {
      i--;
    }
    return i + 1 < at ? i + 1 : -1;
  }

  private static String dateTrunc(String sql, boolean[] code, int at) {
    int open = skipSpaces(sql, at + "date_trunc".length());
    if (open >= sql.length() || sql.charAt(open) != '(') {
      return null;
    }
    int quote = skipSpaces(sql, open + 1);
    if (quote >= sql.length() || sql.charAt(quote) != '\'') {
      return null;
    }
    int unitEnd = sql.indexOf('\'', quote + 1);
    if (unitEnd < 0) {
      return null;
    }
    String unit = sql.substring(quote + 1, unitEnd).trim().toLowerCase(Locale.ROOT);
    String floorUnit =
        TRUNC_UNITS.get(
            unit.endsWith("s") && !TRUNC_UNITS.containsKey(unit)
                ? unit.substring(0, unit.length() - 1)
                : unit);
    int comma = skipSpaces(sql, unitEnd + 1);
    if (floorUnit == null || comma >= sql.length() || sql.charAt(comma) != ',') {
      return null;
    }
    int depth = 1;
    int close = comma + 1;
    for (; close < sql.length(); close++) {
      if (!code[close]) {
        continue;
      }
      char c = sql.charAt(close);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        break;
      }
    }
    if (close >= sql.length()) {
      return null;
    }
    String operand = sql.substring(comma + 1, close).trim();
    if (nestedWeek(operand, floorUnit)) {
      // Calcite's simplifier merges FLOOR(FLOOR(x TO a) TO b) and fails on a week unit; a zero
      // TIMESTAMPADD between them keeps the two apart and changes no value.
      operand = "TIMESTAMPADD(SECOND, 0, " + operand + ")";
    }
    return sql.substring(0, at)
        + "FLOOR("
        + operand
        + " TO "
        + floorUnit
        + ")"
        + sql.substring(close + 1);
  }

  /** Whether a truncation to {@code unit} of {@code operand} nests two, one of them by weeks. */
  private static boolean nestedWeek(String operand, String unit) {
    String upper = operand.toUpperCase(Locale.ROOT);
    boolean nested = upper.startsWith("DATE_TRUNC") || upper.startsWith("FLOOR");
    return nested && (unit.startsWith("WEEK") || upper.contains("WEEK"));
  }

  private static boolean startsWord(String sql, boolean[] code, int i, String word) {
    return sql.regionMatches(true, i, word, 0, word.length())
        && (i == 0 || !isNameChar(sql.charAt(i - 1)))
        && (i + word.length() >= sql.length() || !isNameChar(sql.charAt(i + word.length())))
        && code[i];
  }

  /** True for each character that is SQL code: outside literals, quoted names and comments. */
  private static boolean[] codeMask(String sql) {
    boolean[] code = new boolean[sql.length()];
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == c) {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          end++;
        }
        i = Math.min(end + 1, sql.length());
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        code[i] = true;
        i++;
      }
    }
    return code;
  }

  private static int skipSpaces(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int word(String sql, int i) {
    while (i < sql.length() && isNameChar(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
