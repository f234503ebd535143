package dev.arrowtap.source.http;

import dev.arrowtap.catalog.FeedDef;
import dev.arrowtap.metrics.ApiUsage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The table and host a feed's requests are counted under in the engine's per-API counters. */
final class UsageKeys {
  // Scheme and authority; a user name or password before '@' is dropped, never shown.
  private static final Pattern ORIGIN = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)");

  private UsageKeys() {}

  static ApiUsage.Key of(FeedDef feed) {
    return new ApiUsage.Key(feed.qualifiedName(), origin(feed.url()));
  }

  /** {@code https://api.example.com:443} style origin of a URL (template), or empty. */
  static String origin(String url) {
    Matcher m = ORIGIN.matcher(url);
    if (!m.find()) {
      return "";
    }
    String authority = m.group(2);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    return m.group(1).toLowerCase(Locale.ROOT) + "://" + authority.toLowerCase(Locale.ROOT);
  }
}
