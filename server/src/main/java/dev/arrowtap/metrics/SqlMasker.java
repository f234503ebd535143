package dev.arrowtap.metrics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides string literals that look like secrets before SQL text is kept: literals near a word such
 * as password or token, and long mixed letter-and-digit strings such as API keys.
 */
public final class SqlMasker {
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
  private static final Pattern SECRET_WORD =
      Pattern.compile("(password|passwd|secret|token|api_?key|auth|credential|bearer)");
  private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9_\\-+/=.]{20,}");
  private static final int LOOK_BEHIND = 40;

  private SqlMasker() {}

  public static String mask(String sql) {
    if (sql == null) {
      return null;
    }
    Matcher matcher = LITERAL.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String before =
          sql.substring(Math.max(0, matcher.start() - LOOK_BEHIND), matcher.start())
              .toLowerCase(Locale.ROOT);
      String replacement =
          looksSecret(before, matcher.group(1))
              ? "'***'"
              : Matcher.quoteReplacement(matcher.group());
      matcher.appendReplacement(out, replacement);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static boolean looksSecret(String before, String value) {
    if (SECRET_WORD.matcher(before).find()
        || SECRET_WORD.matcher(value.toLowerCase(Locale.ROOT)).find()) {
      return !value.isEmpty();
    }
    return KEY_LIKE.matcher(value).matches()
        && value.chars().anyMatch(Character::isDigit)
        && value.chars().anyMatch(Character::isLetter);
  }
}
