package dev.arrowtap.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A feed URL with {@code {name}} placeholders for its path parameters. */
public final class UrlTemplate {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?<!\\$)\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private UrlTemplate() {}

  /** The placeholder names in a URL, in order. */
  public static Set<String> placeholders(String url) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(url);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The URL with each placeholder replaced by its value, encoded as one path segment. */
  public static String expand(String url, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(url);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + matcher.group(1) + "}");
      }
      String segment = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
      matcher.appendReplacement(out, Matcher.quoteReplacement(segment));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The URL with a harmless sample in each placeholder, for validating its syntax. */
  static String withSamples(String url) {
    return PLACEHOLDER.matcher(url).replaceAll("x");
  }
}
