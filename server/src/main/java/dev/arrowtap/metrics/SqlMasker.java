package dev.arrowtap.metrics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides string literals that look like secrets before SQL text is kept: literals next to a word
 * such as password or token (before it, or as its alias), and long mixed letter-and-digit strings
 * such as API keys.
 */
public final class SqlMasker {
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
  private static final Pattern SECRET_WORD =
      Pattern.compile("(password|passwd|secret|token|api_?key|auth|credential|bearer)");
  private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_\\-+/=.]{20,}");
  private static final int LOOK_AROUND = 40;

  private SqlMasker() {}

  public static String mask(String sql) {
    if (sql == null) {
      return null;
    }
    Matcher matcher = LITERAL.matcher(sql);
    StringBuilder out = new StringBuilder();
    int previousEnd = 0;
    while (matcher.find()) {
      // The words around a literal name it: password = '...', '...' AS api_key.
      String before =
          sql.substring(Math.max(previousEnd, matcher.start() - LOOK_AROUND), matcher.start())
              .toLowerCase(Locale.ROOT);
      String after =
          sql.substring(matcher.end(), Math.min(sql.length(), matcher.end() + LOOK_AROUND));
      after = after.toLowerCase(Locale.ROOT).split("[,)']", 2)[0];
      String replacement =
          looksSecret(before.substring(before.lastIndexOf(',') + 1) + " " + after, matcher.group(1))
              ? "'***'"
              : Matcher.quoteReplacement(matcher.group());
      matcher.appendReplacement(out, replacement);
      previousEnd = matcher.end();
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static boolean looksSecret(String around, String value) {
    if (SECRET_WORD.matcher(around).find()
        || SECRET_WORD.matcher(value.toLowerCase(Locale.ROOT)).find()) {
      return !value.isEmpty();
    }
    return KEY_LIKE.matcher(value).matches()
        && value.chars().anyMatch(Character::isDigit)
        && value.chars().anyMatch(Character::isLetter);
  }
}
